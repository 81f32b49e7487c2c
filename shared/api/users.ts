import { z } from 'zod';

/**
 * Accounts of a team server (`gloss serve --team`): who may sign in and with
 * which role. A desktop app, the CLI and a server started without `--team`
 * have no accounts: their one user owns the project file.
 */
export const RoleSchema = z.enum(['annotator', 'curator', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  /** The account's name, which is also the annotator name its work is recorded under. */
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  /** Removed accounts are kept (their work stays under their name) but cannot sign in. */
  disabled: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/** Who is calling, as the team server tells the backend with every call (absent: the project's owner). */
export const CallerSchema = z.object({ name: z.string(), role: RoleSchema });
export type Caller = z.infer<typeof CallerSchema>;

/** A one-time sign-in secret: only its hash is stored, so it is shown once, here. */
export const SignInLinkSchema = z.object({ user: UserSchema, token: z.string(), expiresAt: z.string() });
export type SignInLink = z.infer<typeof SignInLinkSchema>;

const UserName = z.string().min(1).max(100);

export const userMethods = {
  'users.list': { args: z.object({}).strict(), result: z.array(UserSchema) },
  /** Adds an account and returns its first one-time sign-in token (a removed account of that name comes back). */
  'users.add': { args: z.object({ name: UserName, role: RoleSchema }).strict(), result: SignInLinkSchema },
  /** A new one-time sign-in token for an account; earlier unused ones stay valid until they expire. */
  'users.link': { args: z.object({ name: UserName }).strict(), result: SignInLinkSchema },
  /** Disables an account: its sessions and sign-in tokens end at once; its work stays. */
  'users.remove': { args: z.object({ name: UserName }).strict(), result: UserSchema },
  'users.role': { args: z.object({ name: UserName, role: RoleSchema }).strict(), result: z.object({ user: UserSchema, previous: RoleSchema }) },
} as const;

export const SessionSchema = z.object({ sessionId: z.string(), user: UserSchema, expiresAt: z.string() });

export const authMethods = {
  /** Who is calling: `team` false outside a team server (then no name or role). */
  'auth.me': { args: z.object({}).strict(), result: z.object({ team: z.boolean(), name: z.string().nullable(), role: RoleSchema.nullable() }) },
  /** Server only: exchanges a one-time sign-in token for a new session (the token is used up). */
  'auth.signIn': { args: z.object({ token: z.string().min(1).max(200) }).strict(), result: SessionSchema },
  /** Server only: the account a session belongs to, or null when it is unknown, expired or its account disabled. */
  'auth.resolve': { args: z.object({ sessionId: z.string().min(1).max(200) }).strict(), result: z.object({ user: UserSchema.nullable() }) },
  /** Server only: ends a session. */
  'auth.signOut': { args: z.object({ sessionId: z.string().min(1).max(200) }).strict(), result: z.object({ ended: z.boolean() }) },
} as const;
