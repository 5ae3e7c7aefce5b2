import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Fixed-window counters in PostgreSQL, so every API replica sees the same counts. */
@Injectable()
export class RateLimitService {
  constructor(private readonly db: DataSource) {}

  /** Seconds until `key` may try again, or 0 when it is under `limit` in the current window. */
  async retryAfter(key: string, limit: number, windowMinutes: number): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count, GREATEST(0, ceil(extract(epoch FROM window_start + make_interval(mins => $2) - now())))::int AS remaining
         FROM rate_limits WHERE key = $1 AND window_start > now() - make_interval(mins => $2)`,
      [key, windowMinutes],
    );
    return row && row.count >= limit ? Math.max(1, row.remaining) : 0;
  }

  async hit(key: string, windowMinutes: number): Promise<number> {
    const [row] = await this.db.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start <= now() - make_interval(mins => $2) THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.window_start <= now() - make_interval(mins => $2) THEN now() ELSE rate_limits.window_start END
       RETURNING count`,
      [key, windowMinutes],
    );
    return row.count;
  }
}
