// Preview entry for `npm run email`; the email module carries its own PreviewProps.
import { LessonEmail } from "../lesson.tsx";

export default LessonEmail;
