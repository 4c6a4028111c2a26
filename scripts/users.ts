// Manage admin users in DATA_DIR. Run as: tsx --conditions=react-server scripts/users.ts <command>
// (the react-server condition turns `server-only` into a no-op outside Next).
import { parseArgs } from "node:util";
import { recordTeamChange } from "../lib/admin/team/audit";
import { removeAccount } from "../lib/admin/team/members";
import { MIN_PASSWORD_LENGTH, ROLES, roleSchema } from "../lib/auth/config";
import { deleteSessionsFor } from "../lib/auth/sessions";
import { emailsWithTwoFactor, removeTwoFactor } from "../lib/auth/two-factor";
import { findUser, listUsers, normalizeEmail, upsertUser } from "../lib/auth/users";

// Who the audit log names for changes made here.
const ACTOR = "cli";
import { closeSharedRedis } from "../lib/redis/connection.mjs";

const USAGE = `Usage:
  users add EMAIL --role ${ROLES.join("|")}
      Create the user, or update their role and password (which signs them out everywhere).
      In a terminal it asks for the password twice, without showing it.
  users add EMAIL --role ${ROLES.join("|")} --password-stdin
      The same for scripts: the password (at least ${MIN_PASSWORD_LENGTH} characters) is read from standard input,
      one trailing newline dropped. Example:
        printf '%s' "$PASSWORD" | npm run users -- add ada@example.com --role admin --password-stdin
  users list
      Print every user with role, creation date and whether two-factor sign-in is on.
  users remove EMAIL
      Delete the user and end their sessions.
  users reset-2fa EMAIL
      Turn off the user's two-factor sign-in (a lost phone and no recovery codes) and end their sessions.
      If their role requires it, they set it up again at their next sign-in.
Users live in DATA_DIR (default ./.data).`;

/** Bad command-line arguments: print usage, exit 2. */
class UsageError extends Error {}

/** The person pressed Ctrl-C or Ctrl-D at a prompt: exit 130, as a shell does for an interrupted command. */
class Cancelled extends Error {}

async function readPipedStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/**
 * Reads one line per prompt from the terminal with echo off (raw mode, set before each prompt is shown, so nothing
 * typed early is echoed either). Backspace edits; Enter ends a line; Ctrl-C or Ctrl-D cancels. Text pasted ahead
 * (several lines at once) answers the next prompts.
 */
async function readHiddenLines(prompts: string[]): Promise<string[]> {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  const answers: string[] = [];
  let value = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const next = (): void => {
        if (answers.length === prompts.length) return resolve();
        process.stderr.write(prompts[answers.length]!);
      };
      const onData = (chunk: string): void => {
        for (const char of chunk) {
          if (answers.length === prompts.length) break;
          if (char === "\u0003" || char === "\u0004") return reject(new Cancelled("cancelled"));
          if (char === "\r" || char === "\n") {
            process.stderr.write("\n");
            answers.push(value);
            value = "";
            next();
          } else if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
          else value += char;
        }
      };
      stdin.on("data", onData);
      stdin.resume();
      next();
    });
  } finally {
    stdin.removeAllListeners("data");
    stdin.setRawMode(false);
    stdin.pause();
  }
  return answers;
}

/** The new password: asked twice at a terminal (they must match), else read from standard input with --password-stdin. */
async function readNewPassword(passwordStdin: boolean): Promise<string> {
  if (!process.stdin.isTTY) {
    // Never from argv: arguments show up in `ps` and shell history.
    if (!passwordStdin) throw new UsageError("add needs --password-stdin when standard input is not a terminal (the password is never taken as an argument)");
    return readPipedStdin();
  }
  const [first, second] = await readHiddenLines([`Password (at least ${MIN_PASSWORD_LENGTH} characters): `, "Password again: "]);
  if (first !== second) throw new Error("the two passwords differ; nothing was changed");
  return first!;
}

function oneEmail(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one EMAIL`);
  try {
    return normalizeEmail(positionals[0] ?? "");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function add(positionals: string[], values: { role?: string; "password-stdin"?: boolean }): Promise<void> {
  const email = oneEmail(positionals, "add");
  if (values.role === undefined) throw new UsageError(`add needs --role ${ROLES.join("|")}`);
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new UsageError(`unknown role "${values.role}": expected ${ROLES.join(", ")}`);
  const { created } = await upsertUser(email, role.data, await readNewPassword(values["password-stdin"] === true));
  await recordTeamChange({ actor: ACTOR, action: "add", subject: email, detail: role.data });
  console.log(`${created ? "Created" : "Updated"} ${email} (${role.data})`);
}

async function list(positionals: string[]): Promise<void> {
  if (positionals.length > 0) throw new UsageError("list takes no arguments");
  const users = await listUsers();
  if (users.length === 0) return void console.log("No users yet. Add one with: users add EMAIL --role admin --password-stdin");
  const withTwoFactor = await emailsWithTwoFactor();
  const width = Math.max(5, ...users.map((user) => user.email.length));
  // The two-factor column comes last, so scripts that read the first three columns keep working.
  console.log(`${"EMAIL".padEnd(width)}  ${"ROLE".padEnd(8)}  ${"CREATED".padEnd(24)}  2FA`);
  for (const user of users) {
    console.log(`${user.email.padEnd(width)}  ${user.role.padEnd(8)}  ${user.createdAt.padEnd(24)}  ${withTwoFactor.has(user.email) ? "on" : "off"}`);
  }
}

async function remove(positionals: string[]): Promise<void> {
  const email = oneEmail(positionals, "remove");
  if (!(await removeAccount(ACTOR, email))) throw new Error(`No user ${email}`);
  console.log(`Removed ${email}`);
}

async function resetTwoFactor(positionals: string[]): Promise<void> {
  const email = oneEmail(positionals, "reset-2fa");
  if (!(await findUser(email))) throw new Error(`No user ${email}`);
  if (!(await removeTwoFactor(email))) throw new Error(`${email} does not use two-factor sign-in`);
  await deleteSessionsFor(email);
  await recordTeamChange({ actor: ACTOR, action: "two-factor-reset", subject: email });
  console.log(`Two-factor sign-in is off for ${email}; their sessions have ended`);
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: "string" }, "password-stdin": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help) return void console.log(USAGE);
  if (command !== "add" && (parsed.values.role !== undefined || parsed.values["password-stdin"])) {
    throw new UsageError("--role and --password-stdin only apply to add");
  }
  if (command === "add") return add(rest, parsed.values);
  if (command === "list") return list(rest);
  if (command === "remove") return remove(rest);
  if (command === "reset-2fa") return resetTwoFactor(rest);
  throw new UsageError(command ? `unknown command "${command}"` : "missing command");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof Cancelled) {
    process.exitCode = 130;
    return;
  }
  if (error instanceof UsageError) {
    console.error(`users: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(`users: ${(error as Error).message}`);
  process.exitCode = 1;
})
  // With REDIS_URL set, the users file's lock is on Redis (as the servers'): its connection must not keep us alive.
  .finally(() => closeSharedRedis());
