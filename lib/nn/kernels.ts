/**
 * The unchecked forms of lib/nn (and the workspace check their callers need) for loops in other modules (the VAE, the energy networks) whose
 * own public function has checked the network, the workspace and the batch. Internal:
 * lib/nn/index.ts does not re-export this file. Each trusts its input as its public form would
 * have checked it (see the function it is named after).
 */
export { activationBackwardUnchecked, activationForwardUnchecked } from './activations.js';
export { denseBackwardUnchecked, denseForwardUnchecked } from './dense.js';
export { lossBackwardUnchecked, lossForwardUnchecked } from './losses.js';
export { checkWorkspace, mlpBackwardUnchecked, mlpForwardUnchecked } from './mlp.js';
