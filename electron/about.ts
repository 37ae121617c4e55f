/**
 * Text for Help › About and Help › Keyboard Shortcuts, as plain functions so the desktop menu shows exactly what
 * the tests read. Credits come from the notes' own attribution; licences are those of the main bundled libraries.
 */
import { SEED_CREDIT, attributionText } from '../shared/notes/credits.ts';

/** Libraries shipped inside the app, with their licences (the About box lists them). */
export const BUNDLED_LICENSES: ReadonlyArray<{ name: string; license: string }> = [
  { name: 'Electron', license: 'MIT' },
  { name: 'React', license: 'MIT' },
  { name: '@xyflow/react (React Flow)', license: 'MIT' },
  { name: 'elkjs', license: 'EPL-2.0' },
  { name: 'yaml', license: 'ISC' },
  { name: 'jsonata', license: 'MIT' },
  { name: 'amazon-states-language-service', license: 'MIT' },
  // Apache-2.0 (its package.json and LICENSE), shipped with one changed file: say so (Apache-2.0, section 4(b)).
  { name: 'asl-validator, modified: its JSON schemas compiled once (patches/ in the source)', license: 'Apache-2.0' },
  { name: 'AWS SDK for JavaScript v3', license: 'Apache-2.0' },
  { name: 'CodeMirror 6', license: 'MIT' },
  { name: 'markdown-it', license: 'MIT' },
  { name: '@tanstack/react-virtual', license: 'MIT' },
];

/** The About box's detail text: version, licence, note credits and bundled libraries. */
export function aboutText(version: string, lang: 'en' | 'ko' = 'en'): string {
  return [
    `Statescope ${version}`,
    'Licensed under the MIT License.',
    '',
    'Exam notes credit:',
    attributionText(lang),
    `Licence: ${SEED_CREDIT.license} (${SEED_CREDIT.licenseUrl})`,
    '',
    'Includes:',
    ...BUNDLED_LICENSES.map((l) => `  ${l.name} (${l.license})`),
  ].join('\n');
}

/** The shortcuts the menu and the diagram view answer to. `Mod` is Cmd on macOS, Ctrl elsewhere. */
export function shortcutsText(platform: NodeJS.Platform): string {
  const mod = platform === 'darwin' ? 'Cmd' : 'Ctrl';
  return [
    [`${mod}+O`, 'Open files'],
    [`${mod}+W`, 'Close the current tab'],
    [`${mod}+F`, 'Find a state in the diagram'],
    [`${mod}+0 / ${mod}++ / ${mod}+-`, 'Reset zoom / zoom in / zoom out'],
    ['Arrow keys, Enter', 'Move between and open items in lists'],
    ['Escape', 'Close a panel or the find box'],
  ]
    .map(([keys, what]) => `${keys!.padEnd(24)} ${what}`)
    .join('\n');
}
