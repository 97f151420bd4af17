import { useEffect } from 'react';
import type { Person } from '../../../../shared/domain/model';
import { Avatar } from '../../components/Avatar';
import { useStore } from '../../store';

/** A person's avatar with their picture (people:picture, cached in the store as a data URL) once loaded. */
export function PersonAvatar({ person, size }: { person: Pick<Person, 'id' | 'name' | 'hasPicture'>; size: number }) {
  const picture = useStore((s) => s.pictures[person.id]);
  const loadPicture = useStore((s) => s.loadPicture);
  useEffect(() => {
    if (person.hasPicture && picture === undefined) void loadPicture(person.id);
  }, [person.id, person.hasPicture, picture, loadPicture]);
  return <Avatar name={person.name} seed={person.id} src={picture ?? null} size={size} />;
}
