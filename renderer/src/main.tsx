import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app/app.css';
import { App } from './app/App.tsx';
import { beginStartUp } from './app/startup.ts';

// Before the first render: the host call and the document worker start while React mounts the shell.
beginStartUp();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
