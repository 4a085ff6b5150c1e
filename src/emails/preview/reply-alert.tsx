// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { ReplyAlertEmail } from "../reply-alert.tsx";

export default ReplyAlertEmail;
