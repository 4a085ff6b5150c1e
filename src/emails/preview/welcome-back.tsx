// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { WelcomeBackEmail } from "../welcome-back.tsx";

export default WelcomeBackEmail;
