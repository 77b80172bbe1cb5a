import type { SyncRun } from '@referkit/core';
import { progressMessages } from './progress-messages';
import { useMessages } from './use-messages';

/** Props of {@link RunProgress}. */
export interface RunProgressProps {
  /** The run to show: its `progress` (the two phases) and `counts`. */
  run: SyncRun;
  className?: string | undefined;
}

type Translate = ReturnType<typeof useMessages<keyof typeof progressMessages>>;

/** "45 s", "6 min", "1 h 20 min" (rounded up to the next unit). */
function formatDuration(seconds: number, t: Translate): string {
  if (seconds < 60) return t('runProgress.seconds', { count: Math.max(1, Math.ceil(seconds)) });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t('runProgress.minutes', { count: minutes });
  return t('runProgress.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function Bar({
  label,
  value,
  max,
  text,
  phase,
}: {
  label: string;
  value: number;
  max: number | null;
  text: string;
  phase: string;
}) {
  const known = max !== null && max > 0;
  const percent = known ? Math.min(100, Math.round((value / max) * 100)) : undefined;
  return (
    <div className="rk-run-phase" data-slot="run-phase" data-phase={phase}>
      <div className="rk-run-phase-head">
        <span>{label}</span>
        <span className="rk-muted">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="rk-progress-track"
        data-indeterminate={!known || undefined}
      >
        <span
          className="rk-progress-fill"
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

/**
 * A run's two phases as bars people can trust: referrers created (records
 * read out of the total, determinate once the total is known) and links
 * written back to Stripe (done out of planned), with the estimated time left
 * and the write pace ("≈ 6 min left, 25 updates/s"). Without the server's
 * `progress` it shows what the counts say.
 */
export function RunProgress({ run, className }: RunProgressProps) {
  const t = useMessages(progressMessages);
  const finished = run.status !== 'queued' && run.status !== 'running';
  const progress = run.progress ?? {
    phase: finished ? ('done' as const) : ('reading' as const),
    recordsRead: run.counts.seen,
    recordsTotal: finished ? run.counts.seen : null,
    writeBacksPlanned: run.counts.writtenBack,
    writeBacksDone: run.counts.writtenBack,
    writesPerSecond: null,
    estimatedSecondsRemaining: null,
  };
  const total = progress.recordsTotal;
  const eta = progress.estimatedSecondsRemaining;
  const rate = progress.writesPerSecond;
  return (
    <div
      className={className ?? 'rk-run-progress'}
      data-slot="run-progress"
      data-phase={progress.phase}
    >
      <Bar
        phase="reading"
        label={t('runProgress.reading')}
        value={progress.recordsRead}
        max={total}
        text={
          total === null
            ? t('runProgress.readingUnknown', { done: progress.recordsRead.toLocaleString() })
            : t('runProgress.readingValue', {
                done: progress.recordsRead.toLocaleString(),
                total: total.toLocaleString(),
              })
        }
      />
      <Bar
        phase="writing_back"
        label={t('runProgress.writing')}
        value={progress.writeBacksDone}
        max={progress.writeBacksPlanned > 0 || finished ? progress.writeBacksPlanned || 1 : null}
        text={
          progress.writeBacksPlanned === 0
            ? t('runProgress.writingNone')
            : t('runProgress.writingValue', {
                done: progress.writeBacksDone.toLocaleString(),
                total: progress.writeBacksPlanned.toLocaleString(),
              })
        }
      />
      {!finished && eta !== null ? (
        <p className="rk-run-eta" data-slot="run-eta">
          {eta <= 0
            ? t('runProgress.finishing')
            : rate
              ? t('runProgress.eta', { time: formatDuration(eta, t), rate: Math.round(rate) })
              : t('runProgress.etaNoRate', { time: formatDuration(eta, t) })}
        </p>
      ) : null}
    </div>
  );
}
