import type { StageModule } from './stage';

/*
 * menu, ordering and placed: the customer leads, so these stages ask nothing and handle nothing of their
 * own; every message goes to the common handlers (the router's fallback), and side questions (which one,
 * how many, a confirmation) are asked and answered here. placed is where an order's confirmation leaves the
 * conversation; its next message goes back to the menu.
 */

export const menu: StageModule = {};
export const ordering: StageModule = {};
export const placedStage: StageModule = {};
