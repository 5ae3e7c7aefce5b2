import { z } from 'zod';

/**
 * The portal's configuration, checked once at boot (entry.server imports this), so a bad value
 * stops the server with the variable named instead of failing on the first request.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    API_URL: z.url({ message: 'API_URL must be a URL, like http://127.0.0.1:3001' }).default('http://127.0.0.1:3001'),
    SESSION_COOKIE_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/).default('gpit_session'),
    // Served over HTTPS (Secure __Host- CSRF cookie): production by default, as the API's COOKIE_SECURE.
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    SESSION_SECRET: z
      .string()
      .min(32, { message: 'SESSION_SECRET must be at least 32 characters' })
      .optional(),
  })
  .superRefine((env, ctx) => {
    // Several portal replicas must agree on the CSRF signing key, so production needs it set.
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'SESSION_SECRET is required when NODE_ENV=production' });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    NODE_ENV: process.env.NODE_ENV || undefined,
    API_URL: process.env.API_URL || undefined,
    SESSION_COOKIE_NAME: process.env.SESSION_COOKIE_NAME || undefined,
    SESSION_SECRET: process.env.SESSION_SECRET || undefined,
    COOKIE_SECURE: process.env.COOKIE_SECURE || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid portal configuration:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Called at boot; throws with every problem listed. */
export function checkEnv(): void {
  env();
}
