/** CloudWatch metrics from logs: the Embedded Metric Format, metric filters and Logs Insights. */
import type { NoteSource } from '../types.ts';

const CW = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest';

/** Notes on getting metrics and answers out of CloudWatch Logs. */
export const LOGS_METRICS_NOTES: NoteSource[] = [
  {
    id: 'cloudwatch-emf-logs-insights',
    topics: ['cloudwatch'],
    attachesTo: [
      { on: 'state', service: ['logs'], action: ['startquery', 'getqueryresults', 'putmetricfilter'] },
      { on: 'state', service: ['logs'], related: true },
      { on: 'state', service: ['cloudwatch'], action: ['putmetricdata'], related: true },
      { on: 'xray', origin: ['AWS::Lambda::Function'], related: true },
    ],
    links: [
      `${CW}/monitoring/CloudWatch_Embedded_Metric_Format.html`,
      `${CW}/logs/AnalyzingLogData.html`,
      `${CW}/logs/MonitoringLogData.html`,
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: { en: 'One log line in Embedded Metric Format', ko: '임베디드 지표 형식으로 쓴 로그 한 줄' },
        code: `{
  "_aws": {
    "Timestamp": 1765000000000,
    "CloudWatchMetrics": [
      { "Namespace": "Checkout", "Dimensions": [["Service"]], "Metrics": [{ "Name": "PaymentLatency", "Unit": "Milliseconds" }] }
    ]
  },
  "Service": "payments",
  "PaymentLatency": 182,
  "orderId": "o-1001"
}`,
      },
      {
        language: 'text',
        title: {
          en: 'Logs Insights: the 20 slowest payments in the last hour',
          ko: 'Logs Insights: 지난 한 시간 동안 가장 느린 결제 20건',
        },
        code: `fields @timestamp, orderId, PaymentLatency
| filter Service = "payments"
| sort PaymentLatency desc
| limit 20`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'CloudWatch EMF, metric filters and Logs Insights',
        body:
          'Three ways to get numbers and answers out of logs:\n\n' +
          '- **Embedded Metric Format (EMF)**: write a JSON log line with an `_aws` block that names the ' +
          'namespace, dimensions and metrics. CloudWatch Logs extracts the metrics asynchronously, so a Lambda ' +
          'function publishes custom metrics just by logging, with no `PutMetricData` call and no added latency; ' +
          'the other fields (an order ID) stay searchable in the log.\n' +
          '- **Metric filters**: a pattern on a log group that counts or extracts values into a metric; it only ' +
          'sees events that arrive after it is created.\n' +
          '- **Logs Insights**: an interactive query language (`fields`, `filter`, `stats`, `sort`, `limit`, ' +
          '`parse`) over one or more log groups, billed by the data scanned.',
        keyFacts: [
          'EMF turns structured log lines into metrics without calling PutMetricData from the function.',
          'Metric filters are not retroactive: they apply to log events ingested after creation.',
          'Logs Insights queries are charged per GB scanned; narrow the time range and log groups.',
          'High-cardinality values (request IDs) belong in log fields, not in metric dimensions.',
        ],
        examTraps: [
          {
            scenario: 'A Lambda function must publish custom metrics with minimal latency and without extra API calls.',
            answer:
              'Log them in CloudWatch Embedded Metric Format (for example with the Powertools metrics utility); CloudWatch extracts the metrics from the logs.',
          },
          {
            scenario: "An engineer needs to find the ten slowest requests in last night's logs across two log groups.",
            answer: 'Run a CloudWatch Logs Insights query with filter, sort and limit over both log groups.',
          },
        ],
      },
      ko: {
        title: 'CloudWatch EMF, 지표 필터, Logs Insights',
        body:
          '로그에서 수치와 답을 얻는 방법은 세 가지입니다.\n\n' +
          '- **임베디드 지표 형식(EMF)**: 네임스페이스, 차원, 지표를 적은 `_aws` 블록이 있는 JSON 로그 한 줄을 씁니다. ' +
          'CloudWatch Logs가 지표를 비동기로 추출하므로 Lambda 함수는 로그를 남기기만 해도 사용자 지정 지표를 게시합니다. ' +
          '`PutMetricData` 호출도, 추가 지연도 없으며, 나머지 필드(주문 ID 등)는 로그에서 계속 검색할 수 있습니다.\n' +
          '- **지표 필터**: 로그 그룹에 패턴을 두어 값을 세거나 뽑아 지표로 만듭니다. 필터를 만든 뒤에 들어온 이벤트만 봅니다.\n' +
          '- **Logs Insights**: 하나 이상의 로그 그룹에 대해 대화식 쿼리 언어(`fields`, `filter`, `stats`, `sort`, `limit`, ' +
          '`parse`)를 실행하며, 스캔한 데이터 양으로 과금됩니다.',
        keyFacts: [
          'EMF는 함수에서 PutMetricData를 호출하지 않고 구조화된 로그 줄을 지표로 바꿉니다.',
          '지표 필터는 소급되지 않습니다. 만든 뒤에 수집된 로그 이벤트에만 적용됩니다.',
          'Logs Insights 쿼리는 스캔한 GB당 과금되므로 시간 범위와 로그 그룹을 좁힙니다.',
          '카디널리티가 높은 값(요청 ID 등)은 지표 차원이 아니라 로그 필드에 둡니다.',
        ],
        examTraps: [
          {
            scenario: 'Lambda 함수가 지연을 최소화하고 추가 API 호출 없이 사용자 지정 지표를 게시해야 합니다.',
            answer:
              'CloudWatch 임베디드 지표 형식으로 로그를 남깁니다(예: Powertools 지표 유틸리티). CloudWatch가 로그에서 지표를 추출합니다.',
          },
          {
            scenario: '엔지니어가 두 로그 그룹에 걸쳐 어젯밤 로그에서 가장 느린 요청 10건을 찾아야 합니다.',
            answer: '두 로그 그룹에 filter, sort, limit를 쓰는 CloudWatch Logs Insights 쿼리를 실행합니다.',
          },
        ],
      },
    },
  },
];
