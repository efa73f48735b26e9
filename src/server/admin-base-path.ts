/** Where the Bull Board dashboard is mounted; its own module so routing does not load the board. */
export const ADMIN_BASE_PATH = '/admin/queues';
