/** See status.mjs. */
export declare const REDIS_SLOT: unique symbol;
export declare function redisWanted(): boolean;
export declare function redisUnavailable(): boolean;
