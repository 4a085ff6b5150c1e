// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { ConsoleSignInEmail } from "../console-sign-in.tsx";

export default ConsoleSignInEmail;
