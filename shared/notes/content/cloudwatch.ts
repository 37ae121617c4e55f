/** CloudWatch metrics, alarms, monitoring levels, schedules and the agent. */
import type { NoteSource } from '../types.ts';

const CW = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring';

/** Notes on CloudWatch and EventBridge schedules. */
export const CLOUDWATCH_NOTES: NoteSource[] = [
  {
    id: 'cloudwatch-custom-metrics',
    topics: ['cloudwatch'],
    attachesTo: [
      { on: 'state', service: ['cloudwatch'], action: ['putmetricdata'] },
      { on: 'state', service: ['cloudwatch'], related: true },
    ],
    links: [`${CW}/publishingMetrics.html`, `${CW}/cloudwatch_concepts.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Publish a high-resolution data point', ko: '고해상도 데이터 포인트 게시' },
        code: `aws cloudwatch put-metric-data \\
  --namespace "Checkout" \\
  --metric-name PaymentApiFailures \\
  --dimensions Provider=acme-pay \\
  --unit Count --value 1 \\
  --storage-resolution 1`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Custom metrics and resolution',
        body:
          'Your code or a script publishes its own numbers with `PutMetricData` into a namespace you choose, with ' +
          'up to 30 dimensions. This is how you measure things AWS cannot see, such as failed calls to an ' +
          'external payment API or memory used inside an instance.\n\n' +
          '**Standard resolution** stores data at one-minute granularity. **High resolution** ' +
          '(`StorageResolution = 1`) keeps one-second data, which you can read back at periods of 1, 5, 10, 30 ' +
          'or 60 seconds (or any multiple of 60).',
        keyFacts: [
          'Custom metrics default to standard (60 s) resolution; set StorageResolution to 1 for high resolution.',
          'Sub-minute data points are kept for 3 hours, then rolled up to 1-minute, 5-minute and 1-hour aggregates.',
          'Alarms on high-resolution metrics may use a 10 s or 30 s period (higher cost).',
          'Publishing from a script on a schedule (cron) is the usual way to push values such as RAM usage.',
        ],
        examTraps: [
          {
            scenario:
              'An application must be alerted when calls to a third-party API fail more than 50 times in 5 minutes.',
            answer:
              'Publish a custom metric for each failure (or use a metric filter on logs) and put a CloudWatch alarm on it; AWS cannot measure an external API for you.',
          },
          {
            scenario: 'CPU of an EC2 instance must be tracked every 10 seconds.',
            answer:
              'Even detailed monitoring is 1-minute; publish a high-resolution custom metric (for example from the CloudWatch agent).',
          },
        ],
      },
      ko: {
        title: '사용자 지정 지표와 해상도',
        body:
          '코드나 스크립트가 `PutMetricData`로 원하는 네임스페이스에 자기 수치를 게시하며, 차원은 최대 30개까지 붙일 수 있습니다. ' +
          '외부 결제 API 호출 실패 횟수나 인스턴스 내부 메모리 사용량처럼 AWS가 볼 수 없는 값을 이렇게 측정합니다.\n\n' +
          '**표준 해상도**는 1분 단위로 데이터를 저장하고, **고해상도**(`StorageResolution = 1`)는 1초 단위 데이터를 보관해 ' +
          '1, 5, 10, 30, 60초(또는 60의 배수) 주기로 다시 읽을 수 있습니다.',
        keyFacts: [
          '사용자 지정 지표의 기본값은 표준(60초) 해상도이며, 고해상도를 원하면 StorageResolution을 1로 둡니다.',
          '1분 미만 데이터는 3시간 보관된 뒤 1분, 5분, 1시간 집계로 합쳐집니다.',
          '고해상도 지표의 경보는 10초 또는 30초 주기를 쓸 수 있습니다(비용이 더 듭니다).',
          'RAM 사용량 같은 값은 일정 주기(cron)로 스크립트가 게시하는 방식이 일반적입니다.',
        ],
        examTraps: [
          {
            scenario: '제3자 API 호출이 5분 동안 50번 넘게 실패하면 알림을 받아야 합니다.',
            answer:
              '실패할 때마다 사용자 지정 지표를 게시하거나(또는 로그 지표 필터) 그 지표에 CloudWatch 경보를 겁니다. 외부 API는 AWS가 대신 측정해 주지 않습니다.',
          },
          {
            scenario: 'EC2 인스턴스의 CPU를 10초마다 추적해야 합니다.',
            answer:
              '세부 모니터링도 1분 단위입니다. CloudWatch 에이전트 등으로 고해상도 사용자 지정 지표를 게시합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'cloudwatch-alarms',
    topics: ['cloudwatch'],
    attachesTo: [
      { on: 'state', service: ['cloudwatch'], action: ['putmetricalarm', 'describealarms', 'setalarmstate'] },
      { on: 'state', service: ['cloudwatch'], related: true },
    ],
    links: [
      `${CW}/AlarmThatSendsEmail.html`,
      `${CW}/Create_Composite_Alarm.html`,
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions-Lambda.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Alarm that notifies an SNS topic', ko: 'SNS 주제로 알리는 경보' },
        code: `aws cloudwatch put-metric-alarm \\
  --alarm-name checkout-payment-failures \\
  --namespace Checkout --metric-name PaymentApiFailures \\
  --statistic Sum --period 300 --evaluation-periods 1 \\
  --threshold 50 --comparison-operator GreaterThanThreshold \\
  --alarm-actions arn:aws:sns:eu-west-1:111122223333:oncall`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'CloudWatch alarms and their actions',
        body:
          'An alarm watches one metric (or a metric-math expression) and moves between **OK**, **ALARM** and ' +
          '**INSUFFICIENT_DATA**. On a state change it can notify an **SNS topic**, **invoke a Lambda function** ' +
          'directly, run an **EC2 action** (stop, terminate, reboot, recover), change an **Auto Scaling** group, ' +
          'or open a Systems Manager OpsItem or incident. **Composite alarms** combine other alarms with AND/OR to cut noise.',
        keyFacts: [
          '"M out of N" datapoints lets an alarm ignore a single spike.',
          'Missing data can be treated as missing, not breaching, breaching or ignore.',
          'Email and SMS reach people through an SNS subscription, not from the alarm itself.',
          "An alarm can invoke a Lambda function as its action without SNS in between; the function's resource policy must allow lambda.alarms.cloudwatch.amazonaws.com.",
        ],
        examTraps: [
          {
            scenario: 'Operators must get an email when the error count crosses a threshold.',
            answer:
              'A CloudWatch alarm on the metric with an SNS topic as the alarm action and the email address subscribed to the topic.',
          },
        ],
      },
      ko: {
        title: 'CloudWatch 경보와 경보 작업',
        body:
          '경보는 지표 하나(또는 지표 수식)를 지켜보며 **OK**, **ALARM**, **INSUFFICIENT_DATA** 상태를 오갑니다. 상태가 ' +
          '바뀌면 **SNS 주제**에 알리거나, **Lambda 함수를 직접 호출**하거나, **EC2 작업**(중지, 종료, 재부팅, 복구)을 하거나, ' +
          '**Auto Scaling** 그룹을 조정하거나, Systems Manager OpsItem·인시던트를 만들 수 있습니다. **복합 경보**는 여러 경보를 AND/OR로 묶어 잡음을 줄입니다.',
        keyFacts: [
          '"N개 중 M개" 데이터 포인트 설정으로 한 번 튄 값은 무시할 수 있습니다.',
          '누락된 데이터는 missing, notBreaching, breaching, ignore 중 하나로 처리합니다.',
          '이메일과 SMS는 경보가 직접 보내지 않고 SNS 구독을 통해 사람에게 전달됩니다.',
          '경보 작업으로 SNS를 거치지 않고 Lambda 함수를 직접 호출할 수 있습니다. 함수의 리소스 기반 정책이 lambda.alarms.cloudwatch.amazonaws.com을 허용해야 합니다.',
        ],
        examTraps: [
          {
            scenario: '오류 수가 임계값을 넘으면 운영자가 이메일을 받아야 합니다.',
            answer:
              '지표에 CloudWatch 경보를 만들고 경보 작업으로 SNS 주제를 지정한 뒤 그 주제에 이메일 주소를 구독시킵니다.',
          },
        ],
      },
    },
  },
  {
    id: 'cloudwatch-detailed-monitoring',
    topics: ['cloudwatch'],
    attachesTo: [
      { on: 'xray', origin: ['AWS::EC2::Instance'], related: true },
      { on: 'state', service: ['ec2'], related: true },
    ],
    links: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html',
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Basic versus detailed monitoring (EC2)',
        body:
          'EC2 sends its metrics to CloudWatch every **5 minutes** for free (basic monitoring). Turning on ' +
          '**detailed monitoring** (paid) sends them every **1 minute**. Either way you get only what the ' +
          'hypervisor sees (CPU, network, disk I/O, status checks): memory and disk-space usage need the ' +
          'CloudWatch agent, and application numbers need custom metrics.',
        keyFacts: [
          'Basic: 5-minute period, free. Detailed: 1-minute period, charged per metric.',
          "Detailed monitoring is a setting of specific services (EC2, Auto Scaling groups…); it cannot measure your application's calls.",
          'Faster scaling reactions are a common reason to enable detailed monitoring.',
        ],
        examTraps: [
          {
            scenario: 'You need EC2 memory utilisation in CloudWatch.',
            answer:
              'Install the CloudWatch agent (or publish a custom metric); memory is not an EC2 metric at any monitoring level.',
          },
        ],
      },
      ko: {
        title: '기본 모니터링과 세부 모니터링(EC2)',
        body:
          'EC2는 기본 모니터링으로 **5분**마다 무료로 지표를 CloudWatch에 보냅니다. **세부 모니터링**(유료)을 켜면 **1분**마다 ' +
          '보냅니다. 어느 쪽이든 하이퍼바이저가 보는 값(CPU, 네트워크, 디스크 I/O, 상태 검사)만 나오므로, 메모리와 디스크 ' +
          '공간 사용량은 CloudWatch 에이전트가, 애플리케이션 수치는 사용자 지정 지표가 필요합니다.',
        keyFacts: [
          '기본: 5분 주기, 무료. 세부: 1분 주기, 지표당 과금.',
          '세부 모니터링은 EC2, Auto Scaling 그룹 같은 특정 서비스의 설정이며 애플리케이션의 호출을 측정하지는 못합니다.',
          '더 빠른 확장 반응이 필요할 때 세부 모니터링을 켭니다.',
        ],
        examTraps: [
          {
            scenario: 'CloudWatch에서 EC2 메모리 사용률을 봐야 합니다.',
            answer:
              'CloudWatch 에이전트를 설치하거나 사용자 지정 지표를 게시합니다. 메모리는 어떤 모니터링 수준에서도 EC2 기본 지표가 아닙니다.',
          },
        ],
      },
    },
  },
  {
    id: 'eventbridge-schedules',
    topics: ['cloudwatch'],
    attachesTo: [{ on: 'state', service: ['events', 'scheduler'] }],
    links: [
      'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html',
      'https://docs.aws.amazon.com/scheduler/latest/UserGuide/what-is-scheduler.html',
      'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Run a function every weekday at 07:30 UTC', ko: '평일 07:30 UTC마다 함수 실행' },
        code: `aws events put-rule --name weekday-report \\
  --schedule-expression "cron(30 7 ? * MON-FRI *)"
aws events put-targets --rule weekday-report \\
  --targets Id=report,Arn=arn:aws:lambda:eu-west-1:111122223333:function:build-report`,
      },
    ],
    corrections: [
      {
        claim: {
          en: 'Lambda functions are triggered on a schedule with "CloudWatch Events".',
          ko: 'Lambda를 일정에 따라 실행하려면 "CloudWatch Events"를 쓴다.',
        },
        fact: {
          en: 'CloudWatch Events is now Amazon EventBridge (same API); new schedules are best created in EventBridge Scheduler, which also takes cron() and rate() expressions.',
          ko: 'CloudWatch Events는 이제 Amazon EventBridge(같은 API)입니다. 새 일정은 cron()과 rate() 식을 그대로 받는 EventBridge Scheduler로 만드는 것이 좋습니다.',
        },
        source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html',
      },
    ],
    text: {
      en: {
        title: 'Scheduled rules: cron and rate expressions',
        body:
          'To run a Lambda function, a state machine or another target on a timetable, create an EventBridge ' +
          'schedule (formerly CloudWatch Events): `rate(5 minutes)` for a fixed interval, or ' +
          '`cron(minutes hours day-of-month month day-of-week year)` for calendar times, always in UTC for rules.',
        keyFacts: [
          'AWS cron has six fields, including the year; one of day-of-month and day-of-week must be `?`.',
          "An EventBridge rule reaches its target through the target's permission: a Lambda resource policy for events.amazonaws.com, or a role for Step Functions.",
          'EventBridge Scheduler always uses an execution role that it assumes to call the target, and adds time zones, one-time schedules and flexible time windows.',
        ],
        examTraps: [
          {
            scenario: 'A report function must run every night at 02:00 without any server.',
            answer: 'An EventBridge schedule with a cron expression targeting the function.',
          },
        ],
      },
      ko: {
        title: '예약 규칙: cron과 rate 식',
        body:
          'Lambda 함수, 상태 머신 등을 정해진 시간에 실행하려면 EventBridge 일정(예전의 CloudWatch Events)을 만듭니다. 일정한 ' +
          '간격은 `rate(5 minutes)`, 달력 기준 시각은 `cron(분 시 일 월 요일 연도)`로 쓰며, 규칙의 시각은 항상 UTC입니다.',
        keyFacts: [
          'AWS cron 식은 연도를 포함해 필드가 6개이고, 일과 요일 중 하나는 `?`여야 합니다.',
          'EventBridge 규칙은 대상 쪽 권한으로 대상을 호출합니다. Lambda는 events.amazonaws.com을 허용하는 리소스 기반 정책, Step Functions는 역할이 필요합니다.',
          'EventBridge Scheduler는 항상 실행 역할을 수임해 대상을 호출하며, 시간대, 일회성 일정, 유연한 시간 창을 지원합니다.',
        ],
        examTraps: [
          {
            scenario: '서버 없이 매일 밤 02:00에 보고서 함수를 실행해야 합니다.',
            answer: '함수를 대상으로 하는 cron 식의 EventBridge 일정을 만듭니다.',
          },
        ],
      },
    },
  },
  {
    id: 'cloudwatch-agent',
    topics: ['cloudwatch'],
    attachesTo: [{ on: 'xray', origin: ['AWS::EC2::Instance'], related: true }],
    links: [`${CW}/Install-CloudWatch-Agent.html`, `${CW}/install-CloudWatch-Agent-on-premise.html`],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'The CloudWatch agent, on EC2 and on premises',
        body:
          'The unified CloudWatch agent collects system metrics the hypervisor cannot see (memory, disk space, ' +
          'processes), ships log files to CloudWatch Logs, and can receive StatsD, collectd and trace data. It ' +
          'runs on EC2 and on your own servers.\n\n' +
          "On EC2 it authenticates with the instance role. On premises it needs credentials: an IAM user's " +
          'access keys in a named profile (with `CloudWatchAgentServerPolicy`), or a Systems Manager hybrid ' +
          'activation. Its configuration file can be kept in Parameter Store and pushed to many servers.',
        keyFacts: [
          'Memory and disk-space metrics come from the agent, not from EC2.',
          'On-premises servers need credentials and a Region set for the agent.',
          'Systems Manager can install and configure the agent across a fleet.',
        ],
        examTraps: [
          {
            scenario:
              'Logs and memory metrics from on-premises servers must appear in CloudWatch with minimal custom code.',
            answer:
              'Install the CloudWatch agent on the servers with IAM credentials that allow publishing to CloudWatch; writing SDK code to push them is more work and more error-prone.',
          },
        ],
      },
      ko: {
        title: 'EC2와 온프레미스의 CloudWatch 에이전트',
        body:
          '통합 CloudWatch 에이전트는 하이퍼바이저가 보지 못하는 시스템 지표(메모리, 디스크 공간, 프로세스)를 수집하고, 로그 ' +
          '파일을 CloudWatch Logs로 보내며, StatsD·collectd·추적 데이터도 받을 수 있습니다. EC2와 자체 서버 모두에서 동작합니다.\n\n' +
          'EC2에서는 인스턴스 역할로 인증합니다. 온프레미스에서는 자격 증명이 필요한데, `CloudWatchAgentServerPolicy`를 가진 IAM ' +
          '사용자의 액세스 키를 이름 있는 프로필에 두거나 Systems Manager 하이브리드 활성화를 씁니다. 설정 파일은 Parameter ' +
          'Store에 두고 여러 서버에 배포할 수 있습니다.',
        keyFacts: [
          '메모리와 디스크 공간 지표는 EC2가 아니라 에이전트에서 옵니다.',
          '온프레미스 서버의 에이전트에는 자격 증명과 리전 설정이 필요합니다.',
          'Systems Manager로 여러 서버에 에이전트를 설치하고 구성할 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: '온프레미스 서버의 로그와 메모리 지표를 사용자 코드를 최소화하며 CloudWatch에서 봐야 합니다.',
            answer:
              'CloudWatch 게시 권한이 있는 IAM 자격 증명으로 서버에 CloudWatch 에이전트를 설치합니다. SDK로 직접 보내는 코드를 짜는 편이 일도 많고 실수도 잦습니다.',
          },
        ],
      },
    },
  },
];
