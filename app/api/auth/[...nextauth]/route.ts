// next-auth's sign-in, callback and session endpoints.
import { handlers } from "@/server/auth/config";

export const { GET, POST } = handlers;
