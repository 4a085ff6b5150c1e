// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { ConfirmSubscriptionEmail } from "../confirm-subscription.tsx";

export default ConfirmSubscriptionEmail;
