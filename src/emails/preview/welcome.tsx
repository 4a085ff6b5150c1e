// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { WelcomeEmail } from "../welcome.tsx";

export default WelcomeEmail;
