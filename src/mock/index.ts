/** The mock: Prism over the bundled contract behind a front that keeps every answer inside the contract. */
export { FIXES, mockDocument, startMock, type MockAnswer, type MockOptions, type RunningMock } from './front.js';
export { freePort, startPrism, type PrismOptions, type RunningPrism } from './prism.js';
