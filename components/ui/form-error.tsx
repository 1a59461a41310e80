/** Why a small form was not submitted, announced as it appears; nothing when there is no message. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="w-full text-xs text-red-700">
      {message}
    </p>
  );
}
