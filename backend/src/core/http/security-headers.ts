import type { NextFunction, Request, Response } from 'express';

/** The API answers data, never pages to render: nothing may load, run or frame it. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// The OpenAPI page (Swagger UI): its own scripts only (no inline script), its inline styles and data: icons.
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// PDFs open inline in the browser's own viewer, which a default-src 'none' policy can blank: they
// only keep out of frames.
const PDF_CSP = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Security headers on every API response, including those the portal proxies under /api (the
 * portal sets its own on the pages it renders, frontend/server.mjs). HSTS only when served over
 * HTTPS (config.cookieSecure: production, unless COOKIE_SECURE=false for plain-http deployments).
 */
export function securityHeaders(https: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', req.path.startsWith('/api/docs') ? DOCS_CSP : req.path.endsWith('.pdf') ? PDF_CSP : API_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    next();
  };
}

const BODY_TYPES = /^application\/(?:[\w.+-]+\+)?json$|^application\/x-www-form-urlencoded$/i;

/**
 * Request bodies are JSON (or a form post): anything else (a CSV or multipart upload, XML) is 415
 * problem+json, instead of being ignored and reported as missing fields.
 */
export function onlyJsonBodies(send415: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = Number(req.get('content-length') || 0) > 0 || req.get('transfer-encoding') !== undefined;
    const type = (req.get('content-type') ?? '').split(';')[0].trim();
    if (hasBody && !BODY_TYPES.test(type)) return send415(req, res);
    next();
  };
}
