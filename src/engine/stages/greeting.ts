import type { StageModule } from './stage';

/**
 * greeting: a conversation's first message. Nothing is asked yet, but the message may say who is writing
 * ("Hi, Sam here"). A new phone is taken into registration (see register); a known one goes shopping.
 */
export const greeting: StageModule = {
  asks: { kind: 'opening' },
};
