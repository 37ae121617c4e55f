/** The profilers' command line: `--name value` options and `--flag` switches, read from the process's arguments. */
const argv = process.argv.slice(2);

/** The value after `--name`, or undefined when the option is not given. */
export function option(name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Whether the switch `--name` is given. */
export function flag(name: string): boolean {
  return argv.includes(name);
}
