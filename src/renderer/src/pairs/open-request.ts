import { navigate } from '../navigation';

/**
 * A pair another page asked the Pairs page to open (the Due list links to pairs). Kept until the Pairs
 * page has read it and cleared it, so a double render in development still sees it.
 */
let pending: string | null = null;

export function openPairOnPairsPage(pairId: string): void {
  pending = pairId;
  navigate('pairs');
}

export const pendingPair = (): string | null => pending;

export function clearPendingPair(): void {
  pending = null;
}
