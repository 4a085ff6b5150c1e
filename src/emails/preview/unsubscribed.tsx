// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { UnsubscribedEmail } from "../unsubscribed.tsx";

export default UnsubscribedEmail;
