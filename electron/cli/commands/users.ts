import { GlossError, RoleSchema, type Role, type SignInLink } from '../../../shared/index.ts';
import { call, printJson, stringOption, type CommandContext, type CommandRun } from '../command.ts';

function role(value: string | undefined, where: string): Role {
  const parsed = RoleSchema.safeParse(value);
  if (!parsed.success) throw new GlossError('validation', `users ${where}: the role must be annotator, curator or admin${value ? ` (got "${value}")` : ''}`);
  return parsed.data;
}

function oneName(ctx: CommandContext, sub: string, count = 1): string {
  const name = ctx.positionals[1];
  if (!name || ctx.positionals.length !== 1 + count) throw new GlossError('validation', `usage: gloss users ${sub} NAME${count === 2 ? ' ROLE' : ''}`);
  return name;
}

/** The sign-in link: the server's address (`--url`, else $GLOSS_URL) with `/signin?token=`; only the path when neither is known. */
function linkOf(ctx: CommandContext, link: SignInLink): string {
  const base = stringOption(ctx, 'url') ?? process.env.GLOSS_URL;
  const path = `/signin?token=${link.token}`;
  if (!base) return path;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new GlossError('validation', `users: --url ${base} is not an address (e.g. https://gloss.example.org)`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '') + path;
}

function printLink(ctx: CommandContext, link: SignInLink): void {
  const url = linkOf(ctx, link);
  if (ctx.json) return printJson({ ...link, url });
  process.stdout.write(`${link.user.name} (${link.user.role}): sign in once with this link, valid until ${link.expiresAt}:\n${url}\n`);
  if (url.startsWith('/')) process.stderr.write("gloss users: put the team server's address before the link (or pass --url BASE, or set GLOSS_URL)\n");
}

/** `gloss users add|list|link|remove|role`: the accounts of a team server, through the same handlers as its admins' API calls. */
export const usersCommand: CommandRun = {
  async run(ctx) {
    const project = await ctx.openProject();
    const sub = ctx.positionals[0];
    switch (sub) {
      case 'add': {
        const name = oneName(ctx, 'add --role ROLE');
        printLink(ctx, await call(project, 'users.add', { name, role: role(stringOption(ctx, 'role'), 'add') }));
        return 0;
      }
      case 'link':
        printLink(ctx, await call(project, 'users.link', { name: oneName(ctx, 'link') }));
        return 0;
      case 'list': {
        const users = await call(project, 'users.list', {});
        if (ctx.json) printJson(users);
        else if (!users.length) process.stdout.write('no accounts yet (gloss users add NAME --role admin)\n');
        else for (const u of users) process.stdout.write(`${u.name}\t${u.role}${u.disabled ? '\t(removed)' : ''}\tsince ${u.createdAt}\n`);
        return 0;
      }
      case 'remove': {
        const user = await call(project, 'users.remove', { name: oneName(ctx, 'remove') });
        if (ctx.json) printJson(user);
        else process.stdout.write(`removed ${user.name}: signed out everywhere; their work stays under their name\n`);
        return 0;
      }
      case 'role': {
        const name = oneName(ctx, 'role', 2);
        const result = await call(project, 'users.role', { name, role: role(ctx.positionals[2], 'role') });
        if (ctx.json) printJson(result);
        else process.stdout.write(`${result.user.name}: ${result.previous} → ${result.user.role}\n`);
        return 0;
      }
      default:
        throw new GlossError('validation', `users: say add, list, link, remove or role${sub ? ` (got "${sub}")` : ''}`);
    }
  },
};
