/**
 * The application menu as data: File (Open, Open Recent, Close), Edit, View (zoom, theme; reload and dev tools
 * in development), Window, Help. Actions are injected so the template is built and tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/contract.ts';

export interface MenuActions {
  open(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  /** Asks the renderer to run a command (`menu.command`): close the current tab, switch the theme. */
  command(name: MenuCommand): void;
  openExternal(url: string): void;
  /** Help › Keyboard Shortcuts. */
  showShortcuts(): void;
  /** Help › About Statescope (credits and licences). */
  showAbout(): void;
  /** Help › Open Log File (the error log in the data folder). */
  openLog(): void;
}

/** Documentation the Help menu links to (https only; opened in the system browser after a check). */
export const HELP_LINKS: ReadonlyArray<{ label: string; url: string }> = [
  { label: 'Amazon States Language Specification', url: 'https://states-language.net/spec.html' },
  {
    label: 'AWS Step Functions Developer Guide',
    url: 'https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html',
  },
  { label: 'AWS X-Ray Developer Guide', url: 'https://docs.aws.amazon.com/xray/latest/devguide/aws-xray.html' },
];

export function buildMenuTemplate(options: {
  platform: NodeJS.Platform;
  isDev: boolean;
  recent: readonly string[];
  actions: MenuActions;
  appName?: string;
}): MenuItemConstructorOptions[] {
  const { actions, isDev, platform } = options;
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : [
          ...options.recent.map((file) => ({ label: file, click: () => actions.openRecent(file) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName ?? 'Statescope',
      submenu: [
        { label: `About ${options.appName ?? 'Statescope'}`, click: () => actions.showAbout() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Close Tab', accelerator: 'CmdOrCtrl+W', click: () => actions.command('close-tab') },
        ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { label: '&Edit', role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [
            { label: 'System', click: () => actions.command('theme-system') },
            { label: 'Light', click: () => actions.command('theme-light') },
            { label: 'Dark', click: () => actions.command('theme-dark') },
          ],
        },
        ...(isDev
          ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
          : []),
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        ...HELP_LINKS.map((link) => ({ label: link.label, click: () => actions.openExternal(link.url) })),
        { type: 'separator' as const },
        { label: 'Keyboard Shortcuts', click: () => actions.showShortcuts() },
        { label: 'Open Log File', click: () => actions.openLog() },
        ...(mac
          ? []
          : [{ type: 'separator' as const }, { label: 'About Statescope', click: () => actions.showAbout() }]),
      ],
    },
  );
  return template;
}
