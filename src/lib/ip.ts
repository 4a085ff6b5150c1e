// What the app accepts as a client address: IPv4/IPv6 characters only. Rate-limit keys are built from addresses
// that pass, and the privacy export and erasure find those keys again with the same rule, so it lives here once.
// Anything else (a forged header, "unknown") never becomes part of a key or a LIKE pattern.
export const IP_ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;
