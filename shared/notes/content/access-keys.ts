/** Handing roles to services (iam:PassRole) and managing KMS keys (types, rotation, key policies, grants). */
import type { NoteSource } from '../types.ts';

const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';
const KMS = 'https://docs.aws.amazon.com/kms/latest/developerguide';

/** Notes on iam:PassRole and KMS key management. */
export const ACCESS_KEY_NOTES: NoteSource[] = [
  {
    id: 'iam-passrole',
    topics: ['iam'],
    attachesTo: [
      { on: 'state', credentials: true, related: true },
      {
        on: 'state',
        service: ['ecs', 'batch', 'sagemaker', 'glue', 'codebuild', 'emr', 'elasticmapreduce'],
        related: true,
      },
      { on: 'state', service: ['iam'], action: ['passrole', 'createrole', 'attachrolepolicy'] },
    ],
    links: [`${IAM}/id_roles_use_passrole.html`, `${IAM}/reference_policies_iam-condition-keys.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: { en: 'Allow passing one role, only to Lambda', ko: '역할 하나를 Lambda에만 전달하도록 허용' },
        code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/score-function-role",
      "Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } }
    }
  ]
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'iam:PassRole: giving a role to a service',
        body:
          "Many resources run with a role: a Lambda function's execution role, a state machine's role, an ECS " +
          'task role, an EC2 instance profile, a CodeBuild service role. Whoever creates or updates such a ' +
          'resource **passes** the role to the service, and needs `iam:PassRole` on that role in addition to the ' +
          'create permission. Without this check, a developer could hand an administrator role to a function and ' +
          'gain its rights.\n\n' +
          'Limit `iam:PassRole` to specific role ARNs (never `*`) and use the `iam:PassedToService` condition to ' +
          'name the service that may receive it. PassRole is a permission, not an API call: it is checked when ' +
          'the resource is created or updated.',
        keyFacts: [
          'Creating a Lambda function, state machine or ECS task definition with a role needs iam:PassRole on that role.',
          'Scope the Resource to the role ARN and add iam:PassedToService to name the receiving service.',
          'An AccessDenied that names iam:PassRole means the caller lacks it, not the service.',
        ],
        examTraps: [
          {
            scenario:
              'A developer with lambda:CreateFunction gets AccessDenied when creating a function with an existing execution role.',
            answer: 'Grant iam:PassRole on that role (ideally with iam:PassedToService = lambda.amazonaws.com).',
          },
        ],
      },
      ko: {
        title: 'iam:PassRole: 서비스에 역할 넘기기',
        body:
          '많은 리소스가 역할을 가지고 실행됩니다. Lambda 함수의 실행 역할, 상태 머신의 역할, ECS 작업 역할, EC2 인스턴스 ' +
          '프로파일, CodeBuild 서비스 역할이 그렇습니다. 이런 리소스를 만들거나 고치는 사람은 서비스에 역할을 **전달**하는 ' +
          '것이므로, 생성 권한과 함께 그 역할에 대한 `iam:PassRole`이 필요합니다. 이 확인이 없다면 개발자가 관리자 역할을 함수에 ' +
          '넘겨 그 권한을 얻을 수 있습니다.\n\n' +
          '`iam:PassRole`은 특정 역할 ARN으로 제한하고(`*` 금지), 받을 서비스를 `iam:PassedToService` 조건으로 지정합니다. ' +
          'PassRole은 API 호출이 아니라 권한이며, 리소스를 만들거나 수정할 때 확인됩니다.',
        keyFacts: [
          '역할을 지정해 Lambda 함수, 상태 머신, ECS 작업 정의를 만들려면 그 역할에 대한 iam:PassRole이 필요합니다.',
          'Resource를 역할 ARN으로 좁히고 iam:PassedToService로 받는 서비스를 지정합니다.',
          'iam:PassRole을 언급하는 AccessDenied는 서비스가 아니라 호출자에게 권한이 없다는 뜻입니다.',
        ],
        examTraps: [
          {
            scenario:
              'lambda:CreateFunction 권한이 있는 개발자가 기존 실행 역할로 함수를 만들 때 AccessDenied를 받습니다.',
            answer:
              '그 역할에 대한 iam:PassRole을 허용합니다(가능하면 iam:PassedToService = lambda.amazonaws.com 조건과 함께).',
          },
        ],
      },
    },
  },
  {
    id: 'kms-keys-rotation-grants',
    topics: ['s3-encryption'],
    attachesTo: [
      {
        on: 'state',
        service: ['kms'],
        action: [
          'creategrant',
          'enablekeyrotation',
          'rotatekeyondemand',
          'putkeypolicy',
          'createkey',
          'schedulekeydeletion',
        ],
      },
      { on: 'state', service: ['kms'], related: true },
      { on: 'state', kmsKey: true, related: true },
    ],
    links: [`${KMS}/concepts.html`, `${KMS}/rotate-keys.html`, `${KMS}/grants.html`, `${KMS}/key-policies.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Turn on yearly rotation and check it', ko: '연간 교체를 켜고 확인하기' },
        code: `aws kms enable-key-rotation --key-id alias/reports
aws kms get-key-rotation-status --key-id alias/reports`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'KMS keys: who manages them, rotation, key policies and grants',
        body:
          '- **Customer managed keys**: you create them, write their key policy, turn rotation on or off, and ' +
          'pay a monthly fee per key.\n' +
          '- **AWS managed keys** (`aws/s3`, `aws/lambda`…): created by a service for you, rotated every year, and ' +
          'their policy cannot be changed.\n' +
          '- **AWS owned keys**: used inside a service, invisible in your account.\n\n' +
          'Every KMS key has exactly one **key policy**; IAM policies only take effect when the key policy allows ' +
          'the account to use IAM. **Automatic rotation** of a symmetric key creates new key material on a ' +
          'schedule (yearly by default) while keeping the key ID and the old material, so existing ciphertext still ' +
          'decrypts. A **grant** gives a principal use of a key for specific operations without editing the ' +
          'policy; AWS services use grants (for example EBS), and they can be retired or revoked. Deleting a key ' +
          'is scheduled with a 7–30 day waiting period.',
        keyFacts: [
          'Rotation keeps the same key ID and ARN; data encrypted earlier still decrypts.',
          'AWS managed keys rotate every year and their key policy cannot be edited.',
          'A key policy must allow access (directly or by enabling IAM policies) or nobody can use the key.',
          'Grants delegate specific operations programmatically (CreateGrant) and suit temporary or service access.',
          'ScheduleKeyDeletion waits 7 to 30 days; disable the key first to see what breaks.',
        ],
        examTraps: [
          {
            scenario:
              'Compliance requires the key protecting S3 data to rotate every year, with a key policy the team controls.',
            answer:
              'A customer managed KMS key with automatic rotation turned on; AWS managed keys rotate but their policy cannot be changed.',
          },
          {
            scenario: 'An IAM policy allows kms:Decrypt on a key, yet the call is denied.',
            answer:
              "The key policy does not allow the account's IAM policies (or the principal); KMS checks the key policy first.",
          },
        ],
      },
      ko: {
        title: 'KMS 키: 관리 주체, 교체, 키 정책, 권한 부여',
        body:
          '- **고객 관리형 키**: 직접 만들고, 키 정책을 쓰고, 교체를 켜거나 끄며, 키마다 월 요금을 냅니다.\n' +
          '- **AWS 관리형 키**(`aws/s3`, `aws/lambda` 등): 서비스가 대신 만들고 매년 교체하며, 정책은 바꿀 수 없습니다.\n' +
          '- **AWS 소유 키**: 서비스 내부에서 쓰이며 계정에서는 보이지 않습니다.\n\n' +
          '모든 KMS 키에는 **키 정책**이 정확히 하나 있고, IAM 정책은 키 정책이 계정의 IAM 사용을 허용할 때만 효과가 있습니다. ' +
          '대칭 키의 **자동 교체**는 일정(기본 매년)에 따라 새 키 구성 요소를 만들면서 키 ID와 이전 구성 요소를 유지하므로, ' +
          '기존 암호문도 계속 복호화됩니다. **권한 부여**(grant)는 정책을 고치지 않고 보안 주체에게 특정 작업에 대한 키 사용을 ' +
          '허용합니다. AWS 서비스(예: EBS)가 권한 부여를 쓰며, 권한 부여는 사용 중지하거나 취소할 수 있습니다. 키 삭제는 ' +
          '7~30일의 대기 기간을 두고 예약됩니다.',
        keyFacts: [
          '교체해도 키 ID와 ARN은 같으며, 이전에 암호화한 데이터도 복호화됩니다.',
          'AWS 관리형 키는 매년 교체되고 키 정책은 수정할 수 없습니다.',
          '키 정책이 직접 허용하거나 IAM 정책 사용을 허용하지 않으면 누구도 키를 쓸 수 없습니다.',
          '권한 부여는 특정 작업을 프로그래밍 방식(CreateGrant)으로 위임하며 임시 접근이나 서비스 접근에 맞습니다.',
          'ScheduleKeyDeletion은 7~30일을 기다립니다. 무엇이 깨지는지 보려면 먼저 키를 비활성화합니다.',
        ],
        examTraps: [
          {
            scenario: '규정상 S3 데이터를 보호하는 키는 매년 교체되어야 하고, 팀이 키 정책을 관리해야 합니다.',
            answer: '자동 교체를 켠 고객 관리형 KMS 키입니다. AWS 관리형 키도 교체되지만 정책을 바꿀 수 없습니다.',
          },
          {
            scenario: 'IAM 정책은 키에 대한 kms:Decrypt를 허용하는데 호출이 거부됩니다.',
            answer:
              '키 정책이 계정의 IAM 정책(또는 그 보안 주체)을 허용하지 않습니다. KMS는 키 정책을 먼저 확인합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'iam-billing-access',
    topics: ['iam'],
    attachesTo: [{ on: 'state', service: ['ce', 'costexplorer', 'budgets', 'billing', 'cur'] }],
    links: [
      'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/control-access-billing.html',
      'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/billing-example-policies.html',
      'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/migrate-granularaccess-whatis.html',
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'IAM access to the Billing and Cost Management console',
        body:
          'Billing data is guarded twice. First, the **root user** must activate *IAM user and role access to ' +
          'Billing information* on the Account Settings page; until then only the root user sees billing, whatever ' +
          'IAM policies say. Second, each user or role needs an IAM policy with billing actions. AWS replaced the ' +
          'old `aws-portal:*` actions with fine-grained ones (`billing:`, `payments:`, `tax:`, `invoicing:`, ' +
          '`ce:` for Cost Explorer, `budgets:`…); the old namespace has reached the end of standard support.',
        keyFacts: [
          "Both are needed: the root user's activation setting and an IAM policy allowing billing actions.",
          'Use the fine-grained billing actions; aws-portal actions are at end of standard support.',
          'AWS managed policies such as Billing (job function) and AWSBillingReadOnlyAccess cover the common cases.',
        ],
        examTraps: [
          {
            scenario:
              'A finance user has an IAM policy allowing billing actions but still cannot open the Billing console.',
            answer:
              'The root user has not activated IAM user and role access to Billing information in Account Settings.',
          },
        ],
      },
      ko: {
        title: 'Billing and Cost Management 콘솔에 대한 IAM 액세스',
        body:
          '결제 데이터는 두 단계로 보호됩니다. 먼저 **루트 사용자**가 계정 설정 페이지에서 *결제 정보에 대한 IAM 사용자 및 역할 ' +
          '액세스*를 활성화해야 합니다. 그 전에는 IAM 정책이 무엇을 허용하든 루트 사용자만 결제 정보를 봅니다. 다음으로 각 사용자나 ' +
          '역할에 결제 작업을 허용하는 IAM 정책이 있어야 합니다. AWS는 예전의 `aws-portal:*` 작업을 세분화된 작업(`billing:`, ' +
          '`payments:`, `tax:`, `invoicing:`, Cost Explorer의 `ce:`, `budgets:` 등)으로 바꾸었고, 예전 네임스페이스는 표준 지원이 ' +
          '종료되었습니다.',
        keyFacts: [
          '루트 사용자의 활성화 설정과 결제 작업을 허용하는 IAM 정책이 모두 필요합니다.',
          '세분화된 결제 작업을 쓰세요. aws-portal 작업은 표준 지원이 종료되었습니다.',
          'Billing(직무)이나 AWSBillingReadOnlyAccess 같은 AWS 관리형 정책이 흔한 경우를 다룹니다.',
        ],
        examTraps: [
          {
            scenario: '재무 담당자에게 결제 작업을 허용하는 IAM 정책이 있는데도 Billing 콘솔을 열 수 없습니다.',
            answer: '루트 사용자가 계정 설정에서 결제 정보에 대한 IAM 사용자 및 역할 액세스를 활성화하지 않았습니다.',
          },
        ],
      },
    },
  },
];
