import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
  useState,
} from 'react';
import { ErrorAlert } from './error-alert';
import { useMessages } from './use-messages';

/** Options of {@link lazyPart}. */
export interface LazyPartOptions {
  /**
   * What shows while the part loads: `'loading'` (a "Loading…" status) or
   * `null` (nothing, for a dialog that appears once loaded). Default: `'loading'`.
   */
  fallback?: 'loading' | null | undefined;
}

interface LoadBoundaryProps {
  children: ReactNode;
  onRetry: () => void;
}

/**
 * Catches what a lazy part throws while it loads or renders — a chunk that
 * no longer exists after a deploy, a dropped connection — and shows it with
 * a "Try again" button, instead of letting it take down the host's page.
 */
class LoadBoundary extends Component<LoadBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    return error ? <LoadFailed error={error} onRetry={this.props.onRetry} /> : this.props.children;
  }
}

function LoadFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useMessages();
  return (
    <ErrorAlert onRetry={onRetry}>
      <p>{t('common.loadFailed', { message: error.message })}</p>
    </ErrorAlert>
  );
}

interface LoadedPart<Props> {
  first: LazyExoticComponent<ComponentType<Props>>;
  importPart: () => Promise<{ default: ComponentType<Props> }>;
  fallback: 'loading' | null;
}

/** Renders a part through its current import, with "Loading…" and "Try again". */
function LazyPartView<Props extends object>({
  part,
  props,
}: {
  part: LoadedPart<Props>;
  props: Props;
}) {
  const t = useMessages();
  const [attempt, setAttempt] = useState({ count: 0, Part: part.first });
  const retry = () =>
    setAttempt(({ count }) => ({ count: count + 1, Part: lazy(part.importPart) }));
  const { Part } = attempt;
  const fallback =
    part.fallback === null ? null : (
      <p className="rk-loading" role="status">
        {t('common.loading')}
      </p>
    );
  return (
    <LoadBoundary key={attempt.count} onRetry={retry}>
      <Suspense fallback={fallback}>
        <Part {...props} />
      </Suspense>
    </LoadBoundary>
  );
}

/**
 * A part of the kit that loads when first shown (`import()`), behind its own
 * Suspense and error boundary: "Loading…" while it loads, and if loading
 * fails, the reason and "Try again", which imports it afresh (React's `lazy`
 * would keep the failure). Every mount shares the first successful load.
 * Like React's `lazy`, call it once per part, at module level.
 */
export function lazyPart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  options: LazyPartOptions = {},
): ComponentType<Props> {
  const importPart = () => load().then((part) => ({ default: part }));
  const part: LoadedPart<Props> = {
    first: lazy(importPart),
    importPart,
    fallback: options.fallback === null ? null : 'loading',
  };
  return (props: Props) => <LazyPartView part={part} props={props} />;
}
