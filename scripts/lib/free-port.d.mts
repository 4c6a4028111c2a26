/** A TCP port on 127.0.0.1 that nothing listens on, chosen by the kernel; see free-port.mjs. */
export declare function freePort(): Promise<number>;
