import { formOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import { createForm, submitForm, updateForm } from './forms.js';

const browserPost = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/** Forms: create and change them, and their public submit endpoint. @example formRoutes(router, db) */
export function formRoutes(router: Router, db: Db): void {
  router.on(ops.createForm, ({ ctx, body }) => createForm(db, ctx, body));
  router.on(ops.updateForm, ({ ctx, params, body }) => updateForm(db, ctx, params.id, body));
  router.on(ops.submitForm, async ({ app, params, body, c }) => {
    const { form } = await submitForm(db, app, params.id, body);
    const redirectUrl = form.redirectUrl ?? null;
    // A browser's post goes on to the thank-you page; a script (JSON, or asking for it) gets JSON.
    const wantsJson = /application\/json/i.test(c.req.header('accept') ?? '');
    if (redirectUrl && browserPost.test(c.req.header('content-type') ?? '') && !wantsJson) return c.redirect(redirectUrl, 303);
    return { ok: true as const, message: 'Thank you: your answers were received.', redirectUrl };
  });
}
