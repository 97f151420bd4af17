import { useEffect } from 'react';
import { useStore } from './store';
import { AppShell } from './components/AppShell';

export function App() {
  const info = useStore((s) => s.info);
  const error = useStore((s) => s.infoError);
  const loadInfo = useStore((s) => s.loadInfo);
  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);
  return <AppShell info={info} error={error} />;
}
