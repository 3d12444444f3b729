import type { Stage } from '../../domain/types';
import { checkoutAddress, checkoutConfirm, checkoutMethod } from './checkout';
import { checkoutSlot } from './slot';
import { greeting } from './greeting';
import { handoff } from './handoff';
import { registrationAddress, registrationName } from './registration';
import { menu, ordering, placedStage } from './shopping';
import type { StageModule } from './stage';

/** Every stage's module, by stage: a stage without one does not compile. */
export const STAGE_MODULES: Readonly<Record<Stage, StageModule>> = {
  greeting,
  registration_name: registrationName,
  registration_address: registrationAddress,
  menu,
  ordering,
  checkout_method: checkoutMethod,
  checkout_address: checkoutAddress,
  checkout_slot: checkoutSlot,
  checkout_confirm: checkoutConfirm,
  placed: placedStage,
  handoff,
};
