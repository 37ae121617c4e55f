import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { resolveTheme, themeFromCommand, themeSettingOf } from '../../../renderer/src/app/theme.ts';
import { buildMenuTemplate } from '../../../electron/menu.ts';

describe('theme resolution', () => {
  it('keeps an explicit choice whatever the OS asks for', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('follows the OS for "system"', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('accepts only the three settings', () => {
    expect(themeSettingOf('dark')).toBe('dark');
    expect(themeSettingOf('system')).toBe('system');
    expect(themeSettingOf('Dark')).toBeNull();
    expect(themeSettingOf(null)).toBeNull();
    expect(themeSettingOf(1)).toBeNull();
  });

  it('reads menu commands', () => {
    expect(themeFromCommand('theme-light')).toBe('light');
    expect(themeFromCommand('theme-system')).toBe('system');
    expect(themeFromCommand('theme-blue')).toBeNull();
    expect(themeFromCommand('close-tab')).toBeNull();
  });
});

describe('View › Theme menu', () => {
  it('sends a command the renderer turns into each setting', () => {
    const sent: string[] = [];
    const noop = () => {};
    const template = buildMenuTemplate({
      platform: 'linux',
      isDev: false,
      recent: [],
      actions: {
        open: noop,
        openRecent: noop,
        clearRecent: noop,
        command: (c) => sent.push(c),
        openExternal: noop,
        showShortcuts: noop,
        showAbout: noop,
        openLog: noop,
      },
    });
    const view = template.find((m) => m.label === '&View');
    const theme = (view?.submenu as MenuItemConstructorOptions[]).find((m) => m.label === 'Theme');
    const items = theme?.submenu as MenuItemConstructorOptions[];
    expect(items.map((i) => i.label)).toEqual(['System', 'Light', 'Dark']);
    for (const item of items) (item.click as () => void)();
    expect(sent.map(themeFromCommand)).toEqual(['system', 'light', 'dark']);
  });
});
