/** `mcsim mrc ARGS` in this process, its console output silenced (tests read the files it writes). */
import yargs from 'yargs';
import { mrcCommand } from '../../src/cli/mrc.js';

export async function mrc(...args: string[]): Promise<void> {
  const log = console.log;
  console.log = () => {};
  try {
    await yargs().command(mrcCommand).strict().fail(false).parseAsync(['mrc', ...args]);
  } finally {
    console.log = log;
  }
}
