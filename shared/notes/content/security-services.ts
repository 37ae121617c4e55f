/** The account-wide security and advice services the exam contrasts, plus Glue (reached from Step Functions). */
import type { NoteSource } from '../types.ts';

/** Notes on Inspector, Security Hub, Trusted Advisor and Glue. */
export const SECURITY_SERVICE_NOTES: NoteSource[] = [
  {
    id: 'inspector',
    topics: ['inspector'],
    attachesTo: [{ on: 'state', service: ['inspector', 'inspector2'] }],
    links: ['https://docs.aws.amazon.com/inspector/latest/user/what-is-inspector.html'],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Amazon Inspector: vulnerability scanning of workloads',
        body:
          'Inspector continuously scans **EC2 instances**, **container images in Amazon ECR** and **Lambda ' +
          'functions** for known software vulnerabilities (CVEs) and unintended network exposure, and gives each ' +
          'finding a risk score. It looks inside one workload at a time; it is not the place where findings from ' +
          'many services are gathered.',
        keyFacts: [
          'Targets: EC2 (through the SSM agent or agentless snapshots), ECR images, Lambda functions and their code.',
          'Rescans automatically when a new CVE is published or the workload changes.',
          'Findings can flow on to Security Hub and EventBridge.',
        ],
        examTraps: [
          {
            scenario:
              'Which service finds operating-system packages with known CVEs on EC2 instances and container images?',
            answer:
              'Amazon Inspector; GuardDuty detects threats from activity logs, and Security Hub only aggregates findings.',
          },
        ],
      },
      ko: {
        title: 'Amazon Inspector: 워크로드 취약점 스캔',
        body:
          'Inspector는 **EC2 인스턴스**, **Amazon ECR의 컨테이너 이미지**, **Lambda 함수**를 계속 검사해 알려진 소프트웨어 ' +
          '취약점(CVE)과 의도치 않은 네트워크 노출을 찾고, 결과마다 위험 점수를 매깁니다. 워크로드 하나하나의 내부를 보는 ' +
          '도구이며 여러 서비스의 결과를 한곳에 모으는 서비스는 아닙니다.',
        keyFacts: [
          '대상: EC2(SSM 에이전트 또는 에이전트 없는 스냅샷 방식), ECR 이미지, Lambda 함수와 그 코드.',
          '새 CVE가 공개되거나 워크로드가 바뀌면 자동으로 다시 검사합니다.',
          '결과는 Security Hub와 EventBridge로 보낼 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: 'EC2 인스턴스와 컨테이너 이미지에서 CVE가 있는 OS 패키지를 찾는 서비스는?',
            answer:
              'Amazon Inspector입니다. GuardDuty는 활동 로그로 위협을 탐지하고, Security Hub는 결과를 모을 뿐입니다.',
          },
        ],
      },
    },
  },
  {
    id: 'security-hub',
    topics: ['security-hub'],
    attachesTo: [{ on: 'state', service: ['securityhub'] }],
    links: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/what-is-securityhub.html',
      'https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html',
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'AWS Security Hub CSPM: one view of security findings',
        body:
          'The service the exam calls Security Hub is now named **AWS Security Hub CSPM** (cloud security posture ' +
          'management); the name "AWS Security Hub" went to a newer service that correlates findings into exposures. ' +
          'Security Hub CSPM collects findings from GuardDuty, Inspector, Macie, IAM Access Analyzer, Firewall Manager ' +
          'and partner tools in one normalised format (ASFF), and runs automated checks of your configuration ' +
          'against standards such as *AWS Foundational Security Best Practices* and the CIS AWS Foundations ' +
          'Benchmark. It can aggregate across Regions and across the accounts of an organization.',
        keyFacts: [
          'Aggregator and posture checker, not a scanner of its own workloads; the console calls it Security Hub CSPM.',
          'Configuration checks rely on AWS Config being enabled.',
          'Findings can trigger EventBridge rules for automated response.',
        ],
        examTraps: [
          {
            scenario:
              'A team wants a single dashboard of security alerts from several AWS services across all accounts.',
            answer:
              "AWS Security Hub with a delegated administrator account; it aggregates and prioritises the other services' findings.",
          },
        ],
      },
      ko: {
        title: 'AWS Security Hub CSPM: 보안 결과를 한눈에',
        body:
          '시험에서 Security Hub라고 부르는 서비스의 현재 이름은 **AWS Security Hub CSPM**(클라우드 보안 태세 관리)입니다. ' +
          '"AWS Security Hub"라는 이름은 결과를 노출 위험으로 묶어 보여 주는 새 서비스가 이어받았습니다. Security Hub CSPM은  GuardDuty, Inspector, Macie, IAM Access Analyzer, Firewall Manager와 파트너 도구의 결과를 ' +
          '하나의 표준 형식(ASFF)으로 모으고, *AWS 기본 보안 모범 사례*나 CIS AWS Foundations Benchmark 같은 기준에 맞춰 ' +
          '구성을 자동 점검합니다. 여러 리전과 조직 내 여러 계정의 결과를 합쳐 볼 수 있습니다.',
        keyFacts: [
          '결과를 모으고 보안 태세를 점검하는 서비스이며 워크로드를 직접 스캔하지 않습니다. 콘솔 이름은 Security Hub CSPM입니다.',
          '구성 점검은 AWS Config가 켜져 있어야 동작합니다.',
          '결과로 EventBridge 규칙을 실행해 자동 대응할 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: '모든 계정에 걸쳐 여러 AWS 서비스의 보안 경고를 대시보드 하나로 보고 싶습니다.',
            answer: '위임된 관리자 계정을 둔 AWS Security Hub입니다. 다른 서비스의 결과를 모으고 우선순위를 매깁니다.',
          },
        ],
      },
    },
  },
  {
    id: 'trusted-advisor',
    topics: ['trusted-advisor'],
    attachesTo: [{ on: 'state', service: ['support', 'trustedadvisor'] }],
    links: [
      'https://docs.aws.amazon.com/awssupport/latest/user/trusted-advisor.html',
      'https://docs.aws.amazon.com/awssupport/latest/user/get-started-with-aws-trusted-advisor-api.html',
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'AWS Trusted Advisor: best-practice checks for the whole account',
        body:
          'Trusted Advisor inspects the account and recommends changes in six categories: **cost optimization**, ' +
          '**performance**, **security**, **fault tolerance**, **service limits** (quotas) and **operational ' +
          'excellence**. Examples: idle load balancers, open security-group ports, S3 buckets with open access, ' +
          'root account without MFA, quotas close to their limit.',
        keyFacts: [
          'Every account gets the core security checks and the service-quota checks.',
          'The full set of checks and the Trusted Advisor API need a paid plan: Business Support+ or Enterprise Support (Business and Enterprise On-Ramp, which also qualify, end on 1 January 2027).',
          'Check results can be watched with EventBridge and CloudWatch alarms.',
        ],
        examTraps: [
          {
            scenario:
              'Management asks which AWS tool recommends savings and flags resources that approach service quotas.',
            answer: 'Trusted Advisor: cost optimization and service limits are two of its check categories.',
          },
        ],
      },
      ko: {
        title: 'AWS Trusted Advisor: 계정 전체의 모범 사례 점검',
        body:
          'Trusted Advisor는 계정을 살펴보고 여섯 범주에서 개선점을 권합니다. **비용 최적화**, **성능**, **보안**, ' +
          '**내결함성**, **서비스 한도**(할당량), **운영 우수성**입니다. 예를 들어 유휴 로드 밸런서, 열려 있는 보안 그룹 포트, ' +
          '공개 접근이 가능한 S3 버킷, MFA 없는 루트 계정, 한도에 가까운 할당량을 알려 줍니다.',
        keyFacts: [
          '모든 계정은 핵심 보안 점검과 서비스 할당량 점검을 받습니다.',
          '전체 점검 항목과 Trusted Advisor API는 유료 플랜인 Business Support+나 Enterprise Support가 필요합니다(역시 해당되는 Business와 Enterprise On-Ramp는 2027년 1월 1일에 종료됩니다).',
          '점검 결과는 EventBridge와 CloudWatch 경보로 지켜볼 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: '경영진이 비용 절감을 권하고 서비스 할당량에 가까운 리소스를 알려 주는 AWS 도구를 묻습니다.',
            answer: 'Trusted Advisor입니다. 비용 최적화와 서비스 한도가 점검 범주에 들어 있습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'glue',
    sample: 'nested-workflows',
    topics: ['glue'],
    attachesTo: [{ on: 'state', service: ['glue'] }],
    links: [
      'https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html',
      'https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: run a Glue job and wait for it from a state machine',
          ko: 'JSONPath: 상태 머신에서 Glue 작업을 실행하고 끝날 때까지 대기',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Transform Orders",
  "States": {
    "Transform Orders": {
      "Type": "Task",
      "Resource": "arn:aws:states:::glue:startJobRun.sync",
      "Parameters": { "JobName": "orders-to-parquet", "Arguments": { "--run-date.$": "$.runDate" } },
      "End": true
    }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same Glue job run', ko: 'JSONata: 같은 Glue 작업 실행' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Transform Orders",
  "States": {
    "Transform Orders": {
      "Type": "Task",
      "Resource": "arn:aws:states:::glue:startJobRun.sync",
      "Arguments": { "JobName": "orders-to-parquet", "Arguments": { "--run-date": "{% $states.input.runDate %}" } },
      "End": true
    }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'AWS Glue: serverless ETL and the Data Catalog',
        body:
          'Glue extracts, transforms and loads data without servers to manage. **Crawlers** infer schemas from ' +
          'data in S3 and other stores and record them as tables in the **Glue Data Catalog**, which Athena, ' +
          'EMR and Redshift Spectrum query. **Jobs** (Apache Spark or Python shell) do the transforms, and ' +
          'Step Functions can start a job and wait for it with the `.sync` pattern.',
        keyFacts: [
          'Serverless: billed for the data processing units a job uses while it runs.',
          'The Data Catalog is a managed metadata store compatible with the Hive metastore.',
          '`arn:aws:states:::glue:startJobRun.sync` waits for the job run to finish before the state ends.',
        ],
        examTraps: [
          {
            scenario:
              'Data lands in S3 daily in CSV; analysts need it in Parquet with the schema discoverable in Athena, without managing clusters.',
            answer: 'A Glue crawler for the schema plus a Glue ETL job, both serverless.',
          },
        ],
      },
      ko: {
        title: 'AWS Glue: 서버리스 ETL과 데이터 카탈로그',
        body:
          'Glue는 관리할 서버 없이 데이터를 추출·변환·적재합니다. **크롤러**가 S3 등에 있는 데이터의 스키마를 추론해 ' +
          '**Glue 데이터 카탈로그**에 테이블로 기록하면 Athena, EMR, Redshift Spectrum이 그 테이블을 조회합니다. ' +
          '변환은 **작업**(Apache Spark, Python 셸)이 맡고, Step Functions는 `.sync` 패턴으로 작업을 시작하고 끝날 때까지 기다릴 수 있습니다.',
        keyFacts: [
          '서버리스이며 작업이 실행되는 동안 사용한 데이터 처리 단위(DPU)만큼 과금됩니다.',
          '데이터 카탈로그는 Hive 메타스토어와 호환되는 관리형 메타데이터 저장소입니다.',
          '`arn:aws:states:::glue:startJobRun.sync`는 작업 실행이 끝난 뒤에 상태를 마칩니다.',
        ],
        examTraps: [
          {
            scenario:
              '매일 CSV가 S3에 쌓입니다. 클러스터 관리 없이 Parquet으로 바꾸고 Athena에서 스키마를 찾을 수 있어야 합니다.',
            answer: '스키마는 Glue 크롤러로, 변환은 Glue ETL 작업으로 처리합니다. 둘 다 서버리스입니다.',
          },
        ],
      },
    },
  },
];
