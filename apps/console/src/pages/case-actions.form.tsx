import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { MEASURE_TYPES, type OfficerCommandResult } from '../api/types';
import { useApp } from '../app-context';
import {
  checkAssistance,
  checkElimination,
  checkVerification,
  type AssistanceForm,
  type CaseAction,
  type EliminationForm,
  type FieldErrors,
  type VerificationForm,
} from '../cases/case-actions';
import { describedBy, errorText } from '../components/common';
import { beijingTimeOfDay, formatDate } from '../format/dates';
import type { MessageKey } from '../i18n/messages';

/** One key per form fill: a request resent after a lost answer is applied once (Idempotency-Key). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const ACTION_PATHS: Record<CaseAction, string> = {
  verify: 'verification',
  assist: 'assistance',
  eliminate: 'risk-elimination',
};

// The API's field names where they differ from the form's.
const API_FIELDS: Record<string, string> = { visitedAt: 'visitDate', amountFen: 'amountYuan' };

interface FormProps {
  caseId: string;
  /** When the warning was raised: a visit cannot be earlier. */
  warnedAt: string;
  action: CaseAction;
  onDone(result: OfficerCommandResult): void;
}

export function CaseActionForm({ caseId, warnedAt, action, onDone }: FormProps) {
  const { t, api } = useApp();
  const [errors, setErrors] = useState<FieldErrors<string>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [verification, setVerification] = useState<VerificationForm>({
    outcome: '',
    category: '',
    visitDate: formatDate(new Date()),
    visitTime: beijingTimeOfDay(new Date()),
    notes: '',
  });
  const [assistance, setAssistance] = useState<AssistanceForm>({
    measureType: '',
    description: '',
    amountYuan: '',
  });
  const [elimination, setElimination] = useState<EliminationForm>({ reason: '' });

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setServerErrors({});
    const checked =
      action === 'verify'
        ? checkVerification(verification, new Date(), warnedAt)
        : action === 'assist'
          ? checkAssistance(assistance)
          : checkElimination(elimination);
    if (!checked.ok) {
      setErrors(checked.errors as FieldErrors<string>);
      setFailure(t('error.form'));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const result = await api.post<OfficerCommandResult>(
        `/cases/${caseId}/${ACTION_PATHS[action]}`,
        checked.body,
        {
          'Idempotency-Key': key,
        },
      );
      setKey(newIdempotencyKey());
      onDone(result);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        setServerErrors(
          Object.fromEntries(
            err.issues.map((issue) => [API_FIELDS[issue.field] ?? issue.field, issue.message]),
          ),
        );
      }
      setFailure(errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  const errorOf = (field: string): string | undefined =>
    errors[field] ? t(errors[field] as MessageKey) : serverErrors[field];
  const id = (field: string) => `${action}-${field}`;
  const a11y = (field: string) => ({
    id: id(field),
    'aria-invalid': errorOf(field) ? true : undefined,
    'aria-describedby': describedBy(id(field), false, errorOf(field) !== undefined),
  });
  const fieldError = (field: string) =>
    errorOf(field) && (
      <p class="field-error" id={`${id(field)}-error`}>
        {errorOf(field)}
      </p>
    );
  const wrap = (field: string) => `field${errorOf(field) ? ' field-invalid' : ''}`;

  const title = t(
    action === 'verify' ? 'action.verify' : action === 'assist' ? 'action.assist' : 'action.eliminate',
  );
  return (
    <form
      class="action-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${action}-title`}
    >
      <h3 id={`${action}-title`}>{title}</h3>
      {action === 'verify' && (
        <>
          <fieldset
            class={wrap('outcome')}
            aria-describedby={errorOf('outcome') ? `${id('outcome')}-error` : undefined}
          >
            <legend>{t('action.outcome')}</legend>
            {(['confirmed', 'dismissed'] as const).map((outcome) => (
              <label class="check" key={outcome}>
                <input
                  type="radio"
                  name="outcome"
                  value={outcome}
                  checked={verification.outcome === outcome}
                  onChange={() => setVerification({ ...verification, outcome })}
                />
                {t(`action.${outcome}`)}
              </label>
            ))}
            {fieldError('outcome')}
          </fieldset>
          {verification.outcome === 'confirmed' && (
            <div class={wrap('category')}>
              <label for={id('category')}>{t('action.confirmedCategory')}</label>
              <select
                {...a11y('category')}
                value={verification.category}
                onChange={(event) =>
                  setVerification({
                    ...verification,
                    category: (event.target as HTMLSelectElement).value as VerificationForm['category'],
                  })
                }
              >
                <option value="">{t('action.sameCategory')}</option>
                {(['unstable', 'marginal', 'sudden_hardship'] as const).map((category) => (
                  <option value={category} key={category}>
                    {t(`category.${category}`)}
                  </option>
                ))}
              </select>
              {fieldError('category')}
            </div>
          )}
          <div class="row">
            <div class={wrap('visitDate')}>
              <label for={id('visitDate')}>{t('action.visitDate')}</label>
              <input
                type="date"
                {...a11y('visitDate')}
                max={formatDate(new Date())}
                value={verification.visitDate}
                onInput={(event) =>
                  setVerification({ ...verification, visitDate: (event.target as HTMLInputElement).value })
                }
              />
              {fieldError('visitDate')}
            </div>
            <div class={wrap('visitTime')}>
              <label for={id('visitTime')}>{t('action.visitTime')}</label>
              <input
                type="time"
                step={1}
                {...a11y('visitTime')}
                value={verification.visitTime}
                onInput={(event) =>
                  setVerification({ ...verification, visitTime: (event.target as HTMLInputElement).value })
                }
              />
              {fieldError('visitTime')}
            </div>
          </div>
          <div class={wrap('notes')}>
            <label for={id('notes')}>{t('action.notes')}</label>
            <textarea
              {...a11y('notes')}
              rows={3}
              value={verification.notes}
              onInput={(event) =>
                setVerification({ ...verification, notes: (event.target as HTMLTextAreaElement).value })
              }
            />
            {fieldError('notes')}
          </div>
        </>
      )}
      {action === 'assist' && (
        <>
          <div class={wrap('measureType')}>
            <label for={id('measureType')}>{t('action.measureType')}</label>
            <select
              {...a11y('measureType')}
              value={assistance.measureType}
              onChange={(event) =>
                setAssistance({
                  ...assistance,
                  measureType: (event.target as HTMLSelectElement).value as AssistanceForm['measureType'],
                })
              }
            >
              <option value="">{t('action.choose')}</option>
              {MEASURE_TYPES.map((type) => (
                <option value={type} key={type}>
                  {t(`measure.${type}`)}
                </option>
              ))}
            </select>
            {fieldError('measureType')}
          </div>
          <div class={wrap('description')}>
            <label for={id('description')}>{t('action.description')}</label>
            <textarea
              {...a11y('description')}
              rows={2}
              value={assistance.description}
              onInput={(event) =>
                setAssistance({ ...assistance, description: (event.target as HTMLTextAreaElement).value })
              }
            />
            {fieldError('description')}
          </div>
          <div class={wrap('amountYuan')}>
            <label for={id('amountYuan')}>{t('action.amount')}</label>
            <input
              {...a11y('amountYuan')}
              inputMode="decimal"
              value={assistance.amountYuan}
              onInput={(event) =>
                setAssistance({ ...assistance, amountYuan: (event.target as HTMLInputElement).value })
              }
            />
            {fieldError('amountYuan')}
          </div>
        </>
      )}
      {action === 'eliminate' && (
        <div class={wrap('reason')}>
          <label for={id('reason')}>{t('action.reason')}</label>
          <textarea
            {...a11y('reason')}
            rows={2}
            value={elimination.reason}
            onInput={(event) => setElimination({ reason: (event.target as HTMLTextAreaElement).value })}
          />
          {fieldError('reason')}
        </div>
      )}
      {failure && (
        <p class="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" class="primary" disabled={saving}>
        {saving
          ? t('action.saving')
          : t(
              action === 'verify'
                ? 'action.submitVerify'
                : action === 'assist'
                  ? 'action.submitAssist'
                  : 'action.submitEliminate',
            )}
      </button>
    </form>
  );
}
