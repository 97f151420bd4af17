import { memo, type CSSProperties } from 'react';
import './identity.css';

/** Initials of a display name: "Ana García" → "AG", "general" → "G", "Дача 🌲" → "Д". */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s'’-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '#';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue per name, so a person keeps their colour everywhere. */
export function hueOf(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  return Math.abs(h) % 360;
}

export interface AvatarProps {
  name: string;
  /** Colour seed (person or conversation id); defaults to the name. */
  seed?: string;
  /** A data: or blob: URL of the picture, when loaded. */
  src?: string | null;
  size?: number;
  square?: boolean;
}

export const Avatar = memo(function Avatar({ name, seed, src, size = 32, square = false }: AvatarProps) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4), '--avatar-hue': hueOf(seed ?? name) } as CSSProperties;
  return (
    // Initials are drawn by CSS (attr()), not as text: the avatar is decoration and must not become
    // part of the name of a row that contains it.
    <span className={`avatar ${square ? 'avatar-square' : ''}`} style={style} aria-hidden="true" data-initials={src ? undefined : initials(name)}>
      {src ? <img src={src} alt="" width={size} height={size} loading="lazy" decoding="async" /> : null}
    </span>
  );
});
