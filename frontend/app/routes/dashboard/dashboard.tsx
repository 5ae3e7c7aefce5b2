import { Form, Link } from 'react-router';
import { BarChart, ChartFigure, LineChart } from '~/components/charts';
import { FigureTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { attempt, api, throwProblem } from '~/lib/api/client.server';
import { formatDate, formatDateTime, formatNumber } from '~/lib/format';
import { titled } from '~/lib/meta';
import { formatPence } from '~/lib/money';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/dashboard';

export const meta = titled('Dashboard');

/** Bars shown in a chart; the table always lists everything. */
const TOP = 12;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['commissioner', 'operator'], context);
  const area = new URL(request.url).searchParams.get('area')?.trim().toUpperCase() ?? '';
  const canChoose = session.role === 'operator' || session.organisation.type === 'icb';
  if (!area && session.role === 'operator') return { dashboard: null, area, canChoose, error: undefined as string | undefined, role: session.role };
  const result = await attempt(api(request).GET('/api/dashboard', { params: { query: area ? { area } : {} } }));
  if (result.ok) return { dashboard: result.data, area, canChoose, error: undefined, role: session.role };
  const p = result.problem;
  if (p.status !== 400 && p.status !== 403 && p.status !== 404) throwProblem(request, p);
  const error = p.status === 404 ? `No ICB or sub-ICB location has the code ${area}` : (p.errors?.[0]?.message ?? p.detail ?? p.title);
  return { dashboard: null, area, canChoose, error, role: session.role };
}

const monthLabel = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
};
const percent = (n: number) => `${n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
const STATUS_NAME: Record<string, string> = { conditional: 'Conditional', lapsed: 'Lapsed', failed: 'Failed' };

function band(hhi: number) {
  return hhi < 1000 ? 'unconcentrated' : hhi <= 2000 ? 'moderately concentrated' : 'highly concentrated';
}

export default function DashboardPage({ loaderData }: Route.ComponentProps) {
  const { dashboard: d, area, canChoose, error } = loaderData;
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">Commissioner oversight</span>
      <h1>{d ? `Dashboard: ${d.area.name}` : 'Dashboard'}</h1>
      <ErrorSummary errors={error && canChoose ? { area: error } : {}} formError={error && !canChoose ? error : undefined} />
      {canChoose ? (
        <Form method="get" className="mb-8 flex flex-wrap items-end gap-4" aria-label="Choose an area">
          <TextField
            name="area"
            label="ICB or sub-ICB location code"
            hint="For example, QHM or 16C"
            className="w-32"
            defaultValue={area || d?.area.code || ''}
            error={error}
          />
          <button type="submit" className="button mb-6">
            Show dashboard
          </button>
        </Form>
      ) : null}
      {d ? <Figures d={d} /> : null}
    </>
  );
}

type DashboardData = NonNullable<Route.ComponentProps['loaderData']['dashboard']>;

function Figures({ d }: { d: DashboardData }) {
  const ms = d.marketShare;
  const suppliers = ms.suppliers;
  const topSupplierSpend = d.spendBySupplier.slice(0, TOP);
  const topCapabilitySpend = d.spendByCapability.slice(0, TOP);
  const noticeTotal = d.noticeDeadlines.reduce((s, m) => s + m.contracts, 0);
  const leader = suppliers.find((s) => s.key !== 'not-recorded');
  const first = ms.trend[0];
  return (
    <>
      {d.updating ? (
        <div className="mb-6 max-w-3xl border-l-8 border-ink-secondary bg-white p-4" role="status">
          <p className="m-0">
            Contracts in this area have changed since these figures were worked out. Newer figures are being worked out now: reload this page in a minute
            to see them.
          </p>
        </div>
      ) : null}
      <p className="max-w-3xl">
        Figures for {d.area.name} ({d.area.code}) on {formatDate(d.asOf)}, worked out {formatDateTime(d.computedAt)}. Spend is the annual cost, excluding
        VAT, of contracts active today for practices in the area. See the <Link to="/register">contract register</Link> for the contracts themselves.
      </p>
      <nav aria-label="On this page" className="mb-8">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li><a href="#market-share">Market share of clinical systems</a></li>
          <li><a href="#hhi-trend">Market concentration over time</a></li>
          <li><a href="#spend-supplier">Spend by supplier</a></li>
          <li><a href="#spend-capability">Spend by capability</a></li>
          <li><a href="#notice">Notice deadlines</a></li>
          <li><a href="#exposure">Exposure to solutions not fully accredited</a></li>
        </ul>
      </nav>

      <ChartFigure
        id="market-share"
        heading="Market share of principal clinical systems"
        intro={
          <>
            <p>
              Each of the area's {formatNumber(ms.practices)} open practices ({formatNumber(ms.patients)} registered patients) counts under the supplier of its GP clinical
              system: from its contract in force for a solution with capability C13 (Patient Information Maintenance - GP), otherwise from NHS Digital's ODS data.
            </p>
            <p data-testid="hhi-now">
              Herfindahl–Hirschman index (HHI): <strong>{formatNumber(ms.hhiByPractices)}</strong> by practices and <strong>{formatNumber(ms.hhiByPatients)}</strong> by
              registered patients, out of 10,000 ({band(ms.hhiByPractices)} by practices).
            </p>
          </>
        }
        chart={
          <BarChart
            id="market-share-chart"
            title={`Market share of clinical systems in ${d.area.name}`}
            description={
              leader
                ? `Percentage of practices and of registered patients per supplier. The largest is ${leader.name} with ${percent(leader.practicesPercent)} of practices and ${percent(leader.patientsPercent)} of patients.`
                : 'No practices with a recorded clinical system.'
            }
            series={[{ name: 'Practices' }, { name: 'Registered patients' }]}
            max={100}
            data={suppliers.filter((s) => s.key !== 'not-recorded').slice(0, TOP).map((s) => ({
              label: s.name,
              values: [s.practicesPercent, s.patientsPercent],
              display: [percent(s.practicesPercent), percent(s.patientsPercent)],
            }))}
          />
        }
        table={
          <FigureTable
            id="market-share-table"
            caption="Market share of clinical systems by supplier"
            columns={[
              { label: 'Supplier' },
              { label: 'Practices', numeric: true },
              { label: 'Share of practices', numeric: true },
              { label: 'Registered patients', numeric: true },
              { label: 'Share of patients', numeric: true },
              { label: 'Practices under contract', numeric: true },
            ]}
            rows={suppliers.map((s) => ({
              key: s.key,
              data: { 'data-supplier': s.key },
              cells: [
                s.name,
                formatNumber(s.practices),
                s.key === 'not-recorded' ? 'Not counted' : percent(s.practicesPercent),
                formatNumber(s.patients),
                s.key === 'not-recorded' ? 'Not counted' : percent(s.patientsPercent),
                formatNumber(s.underContract),
              ],
            }))}
          />
        }
      />

      <ChartFigure
        id="hhi-trend"
        heading="Market concentration over time"
        intro={
          <p>
            The HHI at the end of each of the last 24 months and today, as contracts for clinical systems started and ended. Below 1,000 is unconcentrated; above
            2,000 highly concentrated. Earlier months use today's ODS data and list sizes where no contract applied.
          </p>
        }
        chart={
          <LineChart
            id="hhi-trend-chart"
            title={`Herfindahl–Hirschman index of clinical systems in ${d.area.name}, last 24 months`}
            description={
              first
                ? `By practices it went from ${formatNumber(first.byPractices)} on ${formatDate(first.date)} to ${formatNumber(ms.hhiByPractices)} today; by registered patients from ${formatNumber(first.byPatients)} to ${formatNumber(ms.hhiByPatients)}.`
                : 'No data.'
            }
            series={[{ name: 'By practices' }, { name: 'By registered patients' }]}
            yMax={10000}
            gridlines={[0, 1000, 2000, 4000, 6000, 8000, 10000].map((v) => ({ value: v, label: v.toLocaleString('en-GB') }))}
            points={ms.trend.map((p, i) => ({ label: i === ms.trend.length - 1 ? 'Today' : monthLabel(p.date.slice(0, 7)), values: [p.byPractices, p.byPatients] }))}
          />
        }
        table={
          <FigureTable
            id="hhi-trend-table"
            caption="Herfindahl–Hirschman index by month end"
            columns={[{ label: 'Date' }, { label: 'HHI by practices', numeric: true }, { label: 'HHI by registered patients', numeric: true }]}
            rows={ms.trend.map((p) => ({ key: p.date, cells: [formatDate(p.date), formatNumber(p.byPractices), formatNumber(p.byPatients)] }))}
          />
        }
      />

      <ChartFigure
        id="spend-supplier"
        heading="Annual spend by supplier"
        intro={<p>The annual cost of active contracts, by supplier{d.spendBySupplier.length > TOP ? `; the chart shows the ${TOP} largest, the table all ${d.spendBySupplier.length}` : ''}.</p>}
        chart={
          <BarChart
            id="spend-supplier-chart"
            title={`Annual spend by supplier in ${d.area.name}`}
            description={topSupplierSpend.length ? `Largest: ${topSupplierSpend[0].supplierName}, ${formatPence(topSupplierSpend[0].annualPence)} a year.` : 'No active contracts.'}
            series={[{ name: 'Annual spend' }]}
            data={topSupplierSpend.map((s) => ({ label: s.supplierName, values: [s.annualPence], display: [formatPence(s.annualPence)] }))}
          />
        }
        table={
          <FigureTable
            id="spend-supplier-table"
            caption="Annual spend by supplier"
            columns={[{ label: 'Supplier' }, { label: 'Active contracts', numeric: true }, { label: 'Annual spend', numeric: true }]}
            rows={d.spendBySupplier.map((s) => ({ key: s.supplierCode, cells: [s.supplierName, formatNumber(s.contracts), formatPence(s.annualPence)] }))}
          />
        }
      />

      <ChartFigure
        id="spend-capability"
        heading="Annual spend by capability"
        intro={<p>Each contract's annual cost counts in full under every capability its solution claims, so these figures overlap and do not add up to the total spend.</p>}
        chart={
          <BarChart
            id="spend-capability-chart"
            title={`Annual spend by capability in ${d.area.name}`}
            description={topCapabilitySpend.length ? `Largest: ${topCapabilitySpend[0].capabilityName}, ${formatPence(topCapabilitySpend[0].annualPence)} a year.` : 'No active contracts.'}
            series={[{ name: 'Annual spend' }]}
            labelWidth={300}
            data={topCapabilitySpend.map((c) => ({ label: `${c.capabilityRef} ${c.capabilityName}`, values: [c.annualPence], display: [formatPence(c.annualPence)] }))}
          />
        }
        table={
          <FigureTable
            id="spend-capability-table"
            caption="Annual spend by capability"
            columns={[{ label: 'Capability' }, { label: 'Active contracts', numeric: true }, { label: 'Annual spend', numeric: true }]}
            rows={d.spendByCapability.map((c) => ({ key: c.capabilityRef, cells: [`${c.capabilityRef} ${c.capabilityName}`, formatNumber(c.contracts), formatPence(c.annualPence)] }))}
          />
        }
      />

      <ChartFigure
        id="notice"
        heading="Notice deadlines over the next 24 months"
        intro={<p>Active and pending contracts not already ending early, by the month of the last day to give notice: {formatNumber(noticeTotal)} in all.</p>}
        chart={
          <BarChart
            id="notice-chart"
            title={`Contracts by notice deadline month in ${d.area.name}`}
            description={`${formatNumber(noticeTotal)} contracts reach their notice deadline in the next 24 months.`}
            series={[{ name: 'Contracts' }]}
            labelWidth={110}
            data={d.noticeDeadlines.map((m) => ({ label: monthLabel(m.month), values: [m.contracts], display: [m.contracts ? `${formatNumber(m.contracts)} (${formatPence(m.annualPence)} a year)` : '0'] }))}
          />
        }
        table={
          <FigureTable
            id="notice-table"
            caption="Contracts by notice deadline month"
            columns={[{ label: 'Month' }, { label: 'Contracts', numeric: true }, { label: 'Annual value', numeric: true }]}
            rows={d.noticeDeadlines.map((m) => ({ key: m.month, cells: [monthLabel(m.month), formatNumber(m.contracts), formatPence(m.annualPence)] }))}
          />
        }
      />

      <ChartFigure
        id="exposure"
        heading="Exposure to solutions that are Conditional, Lapsed or Failed"
        intro={<p>Active and pending contracts for solutions whose accreditation is not (or no longer) full, and the practices in the area they serve.</p>}
        chart={
          <BarChart
            id="exposure-chart"
            title={`Annual value of contracts by accreditation status in ${d.area.name}`}
            description={d.exposure.totals.map((t) => `${STATUS_NAME[t.status]}: ${formatNumber(t.contracts)} contracts, ${formatPence(t.annualPence)} a year, ${formatNumber(t.practices)} practices`).join('. ')}
            series={[{ name: 'Annual value' }]}
            labelWidth={130}
            data={d.exposure.totals.map((t) => ({ label: STATUS_NAME[t.status], values: [t.annualPence], display: [`${formatPence(t.annualPence)} (${formatNumber(t.contracts)} contracts)`] }))}
          />
        }
        tableOpen
        table={
          <>
            <FigureTable
              id="exposure-table"
              caption="Exposure by accreditation status"
              columns={[{ label: 'Status' }, { label: 'Contracts', numeric: true }, { label: 'Annual value', numeric: true }, { label: 'Practices', numeric: true }]}
              rows={d.exposure.totals.map((t) => ({ key: t.status, cells: [STATUS_NAME[t.status], formatNumber(t.contracts), formatPence(t.annualPence), formatNumber(t.practices)] }))}
            />
            {d.exposure.solutions.length ? (
              <FigureTable
                id="exposure-solutions"
                caption="Solutions not fully accredited that the area has contracts for"
                columns={[
                  { label: 'Solution' },
                  { label: 'Status' },
                  { label: 'Since' },
                  { label: 'Contracts', numeric: true },
                  { label: 'Annual value', numeric: true },
                  { label: 'Practices', numeric: true },
                ]}
                rows={d.exposure.solutions.map((s) => ({
                  key: s.solutionId,
                  cells: [
                    <>
                      <Link to={`/solutions/${s.solutionId}`}>{s.solutionName}</Link>
                      <br />
                      <span className="text-ink-secondary">{s.supplierName}</span>
                    </>,
                    STATUS_NAME[s.status],
                    formatDate(s.since),
                    formatNumber(s.contracts),
                    formatPence(s.annualPence),
                    formatNumber(s.practices),
                  ],
                }))}
              />
            ) : null}
          </>
        }
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
