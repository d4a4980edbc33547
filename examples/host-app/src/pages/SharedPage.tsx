import { useMemo } from 'react';
import { createSpokeStack } from '@spokestack/core';
import { SpokeStackProvider } from '@spokestack/react';
import { SharedAsset } from '@spokestack/react/dam';

/**
 * `/share/:token`: what someone holding a share link sees. An SDK without credentials on purpose: the link's
 * token (and its password, when it has one) is the only key, so nothing of the back office's sign-in applies.
 */
export default function SharedPage({ token, theme }: { token: string; theme: 'light' | 'dark' }) {
  const sdk = useMemo(() => createSpokeStack({ baseUrl: window.location.origin }), []);
  return (
    <SpokeStackProvider client={sdk} theme={theme} className="app app-connect">
      <main>
        <SharedAsset token={token} />
      </main>
    </SpokeStackProvider>
  );
}
