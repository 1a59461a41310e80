import { InspectSkeleton } from '@/components/inspect/inspect-skeleton';

export default function InspectLoading() {
  return <InspectSkeleton />;
}
