// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { CampaignEmail } from "../campaign.tsx";

export default CampaignEmail;
