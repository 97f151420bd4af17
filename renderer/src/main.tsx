import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { armBootSnapshotFallback, stylesheetsLoaded } from './bootSnapshot';
import { prefetchStartup } from './startup';
import './styles.css';

prefetchStartup();
armBootSnapshotFallback();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// Behind a boot snapshot the stylesheet is read after the picture is drawn: the app never draws unstyled.
void stylesheetsLoaded().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
