/** Every route lives under this versioned prefix (DESIGN §8). */
export const API_PREFIX = 'api/v1';
