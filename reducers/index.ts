/** Reusable pure reducers (the lint fence keeps this folder free of clock, randomness and IO). */
export { orders, orderPlaced, type OrderState } from './orders.js';
export { ledger, type LedgerState } from './ledger.js';
