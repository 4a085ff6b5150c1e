// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { CrisisReplyEmail } from "../crisis-reply.tsx";

export default CrisisReplyEmail;
