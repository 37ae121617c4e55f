/** The command table electron/build.mjs generates for the CLI bundle. */
declare module 'statescope:cli-commands' {
  const modules: import('./main.ts').CommandModules;
  export default modules;
}
