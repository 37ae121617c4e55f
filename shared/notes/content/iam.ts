/** IAM, STS and certificates: who may act, how a role is trusted, and how short-lived credentials are issued. */
import type { NoteSource } from '../types.ts';

const IAM_GUIDE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';

/** Notes on IAM roles, policies, analysis tools, STS and certificate storage. */
export const IAM_NOTES: NoteSource[] = [
  {
    id: 'iam-trust-policy',
    topics: ['iam'],
    attachesTo: [
      { on: 'state', service: ['sts'], action: ['assumerole'] },
      { on: 'state', credentials: true, related: true },
    ],
    links: [`${IAM_GUIDE}/id_roles_terms-and-concepts.html`, `${IAM_GUIDE}/access_policies_identity-vs-resource.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'Trust policy letting Step Functions assume a role',
          ko: 'Step Functions의 역할 수임을 허용하는 신뢰 정책',
        },
        code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "states.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Role trust policies',
        body:
          'Every IAM role carries two kinds of policy. The **trust policy** says *who* may assume the role (a `Principal`: ' +
          'an account, a user, a federated identity provider or an AWS service such as `states.amazonaws.com`). ' +
          'The **permissions policies** say *what* the role may do once assumed.\n\n' +
          'The trust policy is attached to the role itself, which makes it the one resource-based policy that IAM ' +
          'supports. A state machine can only call Lambda, SNS or DynamoDB because its execution role trusts the ' +
          'Step Functions service principal and grants those actions.',
        keyFacts: [
          'Trust policy = resource-based policy on the role; it must name a Principal.',
          'Permissions policies are identity-based; they have no Principal element.',
          'Assuming a role means calling `sts:AssumeRole` (or a web-identity / SAML variant) and receiving temporary credentials.',
          'A Step Functions execution role trusts `states.amazonaws.com`; a Lambda execution role trusts `lambda.amazonaws.com`.',
        ],
        examTraps: [
          {
            scenario:
              'Creating a state machine fails with a message that Step Functions cannot assume the execution role.',
            answer:
              "Fix the role's trust policy so the Step Functions service principal is allowed `sts:AssumeRole`; adding permissions to the role does not help while the service cannot assume it.",
          },
        ],
      },
      ko: {
        title: '역할의 신뢰 정책',
        body:
          'IAM 역할에는 정책이 두 종류 붙습니다. **신뢰 정책**은 *누가* 이 역할을 수임할 수 있는지(역할 수임) 정하고(`Principal`: ' +
          '계정, 사용자, 페더레이션 자격 증명 공급자, 또는 `states.amazonaws.com` 같은 AWS 서비스), ' +
          '**권한 정책**은 역할을 수임한 뒤 *무엇을* 할 수 있는지 정합니다.\n\n' +
          '신뢰 정책은 역할 자체에 붙기 때문에 IAM이 지원하는 리소스 기반 정책은 이것 하나뿐입니다. 상태 머신이 ' +
          'Lambda, SNS, DynamoDB를 호출할 수 있는 것도 실행 역할이 Step Functions 서비스 보안 주체를 신뢰하고 그 작업을 허용하기 때문입니다.',
        keyFacts: [
          '신뢰 정책은 역할에 붙는 리소스 기반 정책이며 반드시 보안 주체(Principal)를 지정합니다.',
          '권한 정책은 자격 증명 기반이라 Principal 요소가 없습니다.',
          '역할 수임이란 `sts:AssumeRole`(또는 웹 자격 증명·SAML 변형)을 호출해 임시 자격 증명을 받는 일입니다.',
          'Step Functions 실행 역할은 `states.amazonaws.com`을, Lambda 실행 역할은 `lambda.amazonaws.com`을 신뢰해야 합니다.',
        ],
        examTraps: [
          {
            scenario: '상태 머신을 만들 때 콘솔이 "역할을 수임할 수 없다"는 오류를 보여 줍니다.',
            answer:
              '역할의 신뢰 정책에서 Step Functions 서비스 보안 주체에 `sts:AssumeRole`을 허용해야 합니다. 서비스가 역할을 수임하지 못하는 동안에는 권한 정책을 늘려도 소용이 없습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'iam-cross-account',
    topics: ['iam'],
    attachesTo: [
      { on: 'state', credentials: true },
      { on: 'state', service: ['sts'], action: ['assumerole'] },
    ],
    links: [
      `${IAM_GUIDE}/tutorial_cross-account-with-roles.html`,
      `${IAM_GUIDE}/id_roles_common-scenarios_third-party.html`,
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Cross-account access',
        body:
          'To let principals in account B use resources in account A there are two designs:\n\n' +
          '1. **A role in account A** whose trust policy names account B (or a role in it). Users in B need an ' +
          'identity policy allowing `sts:AssumeRole` on that role ARN. While acting through the role they give up ' +
          'their own permissions.\n' +
          '2. **A resource-based policy** on the resource (S3 bucket policy, SQS queue policy, KMS key policy, ' +
          'Lambda resource policy) naming account B. The caller keeps its own permissions and needs no role switch.\n\n' +
          "Both sides must agree: account A grants, account B's administrator delegates. Trust only the accounts " +
          'and roles that need it, and use an **external ID** when a third party assumes the role.',
        keyFacts: [
          'Cross-account role access needs a trust policy in the resource account and `sts:AssumeRole` permission in the calling account.',
          'Roles and resource-based policies delegate access only within one AWS partition (for example, not from aws to aws-cn).',
          'An external ID in the trust policy condition (`sts:ExternalId`) protects against the confused-deputy problem with third parties.',
          'With a resource-based policy the caller keeps its own identity and permissions.',
        ],
        examTraps: [
          {
            scenario:
              "A developer in account B must read objects in a bucket in account A without giving up access to their own account's resources during the task.",
            answer:
              "Use a bucket policy in account A that grants account B; with a resource-based policy the caller does not swap its permissions for a role's.",
          },
          {
            scenario: "A vendor's SaaS product needs read access to your account.",
            answer:
              "Create a role that trusts the vendor's account and requires their unique external ID in the trust policy condition.",
          },
        ],
      },
      ko: {
        title: '교차 계정 액세스',
        body:
          '계정 B의 보안 주체가 계정 A의 리소스를 쓰게 하는 방법은 두 가지입니다.\n\n' +
          '1. **계정 A에 역할**을 만들고 신뢰 정책에 계정 B(또는 그 안의 역할)를 적습니다. B의 사용자에게는 그 역할 ARN에 대한 ' +
          '`sts:AssumeRole`을 허용하는 자격 증명 정책이 필요합니다. 역할로 일하는 동안 원래 권한은 쓰지 못합니다.\n' +
          '2. 리소스 쪽에 **리소스 기반 정책**(S3 버킷 정책, SQS 대기열 정책, KMS 키 정책, Lambda 리소스 정책)을 두고 계정 B를 ' +
          '허용합니다. 호출자는 자기 권한을 그대로 유지하며 역할을 바꿀 필요가 없습니다.\n\n' +
          '양쪽이 모두 동의해야 합니다. A는 허용하고 B의 관리자는 위임합니다. 꼭 필요한 계정과 역할만 신뢰하고, 외부 업체가 ' +
          '역할 수임 시 **외부 ID**를 요구하세요.',
        keyFacts: [
          '역할 방식의 교차 계정 접근에는 리소스 계정의 신뢰 정책과 호출 계정의 `sts:AssumeRole` 권한이 모두 필요합니다.',
          '역할과 리소스 기반 정책은 같은 AWS 파티션 안에서만 접근을 위임합니다(예: aws에서 aws-cn으로는 불가).',
          '신뢰 정책 조건의 외부 ID(`sts:ExternalId`)는 제3자와 일할 때 혼동된 대리자 문제를 막아 줍니다.',
          '리소스 기반 정책을 쓰면 호출자는 자기 자격 증명과 권한을 그대로 씁니다.',
        ],
        examTraps: [
          {
            scenario: '계정 B의 개발자가 자기 계정 리소스 권한을 잃지 않은 채 계정 A 버킷의 객체를 읽어야 합니다.',
            answer:
              '계정 A의 버킷 정책으로 계정 B를 허용합니다. 리소스 기반 정책에서는 호출자가 역할 권한으로 바꿔 타지 않습니다.',
          },
          {
            scenario: '외부 SaaS 업체가 우리 계정을 읽기 전용으로 조회해야 합니다.',
            answer: '업체 계정을 신뢰하는 역할을 만들고 신뢰 정책 조건에 업체별 고유 외부 ID를 요구합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'iam-access-analysis',
    topics: ['iam'],
    attachesTo: [
      { on: 'state', service: ['accessanalyzer'] },
      { on: 'state', service: ['iam'], related: true },
    ],
    links: [`${IAM_GUIDE}/what-is-access-analyzer.html`, `${IAM_GUIDE}/access_policies_last-accessed.html`],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'IAM Access Analyzer and last-accessed data',
        body:
          '**IAM Access Analyzer** reasons over policies to find resources (S3 buckets, IAM roles, KMS keys, Lambda ' +
          'functions, SQS queues, secrets…) that are shared with principals outside your account or organization, ' +
          'and reports **unused access** (roles, keys and permissions nobody uses). It also validates policies and ' +
          'can generate a least-privilege policy from CloudTrail activity.\n\n' +
          '**Last-accessed information** (the *Access Advisor* tab in the IAM console) shows, per user, group, role or ' +
          'policy, which services were allowed and when each was last used, and each role shows a *last used* ' +
          'timestamp. Use it to remove permissions that have not been used for months.',
        keyFacts: [
          'Access Analyzer external-access findings: resources reachable from outside the zone of trust you choose (account or organization).',
          'Access Analyzer can generate a policy from the actions recorded in CloudTrail for a role.',
          'Last-accessed data is reported for IAM users, groups, roles and policies (and for Organizations accounts and OUs), and counts attempted calls, not only successful ones.',
          'Both tools serve least privilege: find what is shared, then trim what is unused.',
        ],
        examTraps: [
          {
            scenario:
              'Security wants a list of buckets and roles in the account that are accessible from other accounts.',
            answer:
              'Enable IAM Access Analyzer with the account as the zone of trust; it reports external-access findings per resource.',
          },
          {
            scenario:
              "You must find which services a role's permissions allow but that the role has not called for 90 days.",
            answer:
              'Use last-accessed information (Access Advisor) for the role, then remove the unused service permissions.',
          },
        ],
      },
      ko: {
        title: 'IAM Access Analyzer와 마지막 액세스 정보',
        body:
          '**IAM Access Analyzer**는 정책을 분석해 계정이나 조직 바깥의 보안 주체와 공유된 리소스(S3 버킷, IAM 역할, KMS 키, ' +
          'Lambda 함수, SQS 대기열, 보안 암호 등)를 찾아내고, 아무도 쓰지 않는 역할·키·권한 같은 **미사용 액세스**도 알려 줍니다. ' +
          '정책 검증 기능이 있고, CloudTrail 활동을 바탕으로 최소 권한 정책을 생성할 수도 있습니다.\n\n' +
          '**마지막 액세스 정보**(IAM 콘솔의 *Access Advisor* 탭)는 사용자, 그룹, 역할, 정책마다 어떤 서비스가 허용되어 있고 ' +
          '각각 언제 마지막으로 쓰였는지 보여 주며, 역할에는 *마지막 사용* 시각이 표시됩니다. 몇 달째 쓰지 않은 권한을 걷어낼 때 씁니다.',
        keyFacts: [
          'Access Analyzer의 외부 액세스 결과는 선택한 신뢰 영역(계정 또는 조직) 밖에서 접근 가능한 리소스를 뜻합니다.',
          'Access Analyzer는 CloudTrail에 기록된 역할의 작업으로 정책을 만들어 줄 수 있습니다.',
          '마지막 액세스 정보는 IAM 사용자, 그룹, 역할, 정책(그리고 Organizations의 계정과 OU)에 대해 제공되며, 성공한 호출뿐 아니라 시도한 호출도 셉니다.',
          '두 도구 모두 최소 권한을 위한 것입니다. 공유된 것을 찾고, 쓰지 않는 것을 줄입니다.',
        ],
        examTraps: [
          {
            scenario: '보안팀이 다른 계정에서 접근할 수 있는 이 계정의 버킷과 역할 목록을 원합니다.',
            answer: '계정을 신뢰 영역으로 하여 IAM Access Analyzer를 켭니다. 리소스별 외부 액세스 결과가 나옵니다.',
          },
          {
            scenario: '역할에 허용되어 있지만 90일 동안 호출하지 않은 서비스를 찾아야 합니다.',
            answer: '그 역할의 마지막 액세스 정보(Access Advisor)를 보고 쓰지 않은 서비스 권한을 제거합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'iam-sts-temporary-credentials',
    topics: ['iam'],
    attachesTo: [{ on: 'state', service: ['sts'] }],
    links: [
      `${IAM_GUIDE}/id_credentials_temp.html`,
      'https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Assume a role from the CLI', ko: 'CLI로 역할 수임하기' },
        code: `aws sts assume-role \\
  --role-arn arn:aws:iam::111122223333:role/ReportReader \\
  --role-session-name nightly-report \\
  --duration-seconds 3600`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'STS temporary credentials',
        body:
          'AWS Security Token Service hands out short-lived credentials: an access key id, a secret key and a ' +
          '**session token**, valid from minutes to hours. Nothing long-lived is stored in the app, and the ' +
          'credentials expire on their own.\n\n' +
          'Main calls: `AssumeRole` (a role in this or another account), `AssumeRoleWithWebIdentity` (OIDC tokens, ' +
          'used by Cognito identity pools and EKS), `AssumeRoleWithSAML` (corporate IdP), `GetSessionToken` (a user ' +
          'adding MFA) and `GetFederationToken`.',
        keyFacts: [
          'Temporary credentials always include a session token; SDKs read it from AWS_SESSION_TOKEN or the profile.',
          "A role's maximum session duration is configurable from 1 to 12 hours; the default is 1 hour.",
          'GetSessionToken is the call for requiring MFA before sensitive API calls.',
          'Prefer roles with temporary credentials over access keys in code or on instances.',
        ],
        examTraps: [
          {
            scenario: 'An application on EC2 needs to call DynamoDB. Where should the credentials come from?',
            answer:
              'An instance profile role: the SDK fetches temporary credentials from the instance metadata service and refreshes them, so no keys are stored.',
          },
        ],
      },
      ko: {
        title: 'STS 임시 자격 증명',
        body:
          'AWS Security Token Service는 수명이 짧은 자격 증명을 발급합니다. 액세스 키 ID, 보안 키, 그리고 **세션 토큰**으로 ' +
          '이루어지며 몇 분에서 몇 시간까지 유효합니다. 애플리케이션에 오래가는 비밀을 둘 필요가 없고 만료도 자동입니다.\n\n' +
          '주요 API: `AssumeRole`(같은 계정이나 다른 계정의 역할 수임), `AssumeRoleWithWebIdentity`(OIDC 토큰, Cognito 자격 증명 풀과 ' +
          'EKS가 사용), `AssumeRoleWithSAML`(사내 IdP), `GetSessionToken`(사용자가 MFA를 더할 때), `GetFederationToken`.',
        keyFacts: [
          '임시 자격 증명에는 항상 세션 토큰이 포함되며, SDK는 AWS_SESSION_TOKEN 또는 프로필에서 읽습니다.',
          '역할의 최대 세션 시간은 1~12시간으로 설정할 수 있고 기본값은 1시간입니다.',
          '민감한 API 호출 전에 MFA를 요구하려면 GetSessionToken을 씁니다.',
          '코드나 인스턴스에 액세스 키를 두기보다 임시 자격 증명을 주는 역할을 쓰세요.',
        ],
        examTraps: [
          {
            scenario: 'EC2의 애플리케이션이 DynamoDB를 호출해야 합니다. 자격 증명은 어디서 가져와야 할까요?',
            answer:
              '인스턴스 프로파일 역할입니다. SDK가 인스턴스 메타데이터 서비스에서 임시 자격 증명을 받아 갱신하므로 키를 저장하지 않습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'iam-policy-variables',
    topics: ['iam'],
    attachesTo: [{ on: 'state', service: ['iam'] }],
    links: [`${IAM_GUIDE}/reference_policies_variables.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'Each user sees only home/<their name>/ in a shared bucket',
          ko: '공유 버킷에서 각 사용자는 home/<자기 이름>/만 사용',
        },
        code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListOwnFolderOnly",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::team-share",
      "Condition": { "StringLike": { "s3:prefix": ["home/\${aws:username}/*", "home/\${aws:username}/"] } }
    },
    {
      "Sid": "ReadWriteOwnObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      "Resource": "arn:aws:s3:::team-share/home/\${aws:username}/*"
    }
  ]
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Policy variables such as ${aws:username}',
        body:
          'A policy variable is replaced at request time with a value from the request context. One policy attached ' +
          'to a group can then give every member access to *their own* prefix, table key or resource name, instead ' +
          'of one policy per user.\n\n' +
          'Common variables: `${aws:username}`, `${aws:userid}`, `${aws:PrincipalTag/team}`, ' +
          '`${cognito-identity.amazonaws.com:sub}` (per Cognito identity) and `${aws:SourceIp}`.',
        keyFacts: [
          'Variables only work when the policy declares `"Version": "2012-10-17"`; in older versions they are literal text.',
          'They may appear in the Resource element and in Condition values.',
          '`${aws:username}` exists only for IAM users; roles have no user name, so use `${aws:userid}` or principal tags there.',
          'A missing key makes the condition fail rather than matching everything.',
        ],
        examTraps: [
          {
            scenario:
              'Hundreds of IAM users each need a private folder in one S3 bucket with minimal policy maintenance.',
            answer:
              'One group policy using `${aws:username}` in the resource ARN and the `s3:prefix` condition; no per-user policy is needed.',
          },
        ],
      },
      ko: {
        title: '${aws:username} 같은 정책 변수',
        body:
          '정책 변수는 요청 시점에 요청 컨텍스트의 값으로 바뀝니다. 그래서 그룹에 붙인 정책 하나로 구성원마다 *자기* 접두사, ' +
          '테이블 키, 리소스 이름에만 접근하도록 만들 수 있고, 사용자별 정책을 따로 둘 필요가 없습니다.\n\n' +
          '자주 쓰는 변수: `${aws:username}`, `${aws:userid}`, `${aws:PrincipalTag/team}`, ' +
          '`${cognito-identity.amazonaws.com:sub}`(Cognito 자격 증명별), `${aws:SourceIp}`.',
        keyFacts: [
          '정책에 `"Version": "2012-10-17"`이 있어야 변수가 동작합니다. 예전 버전에서는 글자 그대로 취급됩니다.',
          'Resource 요소와 Condition 값에 쓸 수 있습니다.',
          '`${aws:username}`은 IAM 사용자에게만 있습니다. 역할에는 사용자 이름이 없으니 `${aws:userid}`나 보안 주체 태그를 씁니다.',
          '키가 없으면 조건이 실패하며 모든 것과 일치하지는 않습니다.',
        ],
        examTraps: [
          {
            scenario:
              '수백 명의 IAM 사용자가 S3 버킷 하나에서 각자 전용 폴더를 써야 하고, 정책 관리는 최소화해야 합니다.',
            answer:
              '리소스 ARN과 `s3:prefix` 조건에 `${aws:username}`을 쓴 그룹 정책 하나면 됩니다. 사용자별 정책은 필요 없습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'acm-and-iam-certificates',
    topics: ['acm', 'iam'],
    attachesTo: [
      { on: 'state', service: ['acm'] },
      { on: 'xray', origin: ['AWS::ApiGateway::Stage'], related: true },
    ],
    links: [
      'https://docs.aws.amazon.com/acm/latest/userguide/acm-overview.html',
      'https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html',
      `${IAM_GUIDE}/id_credentials_server-certs.html`,
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'TLS certificates: ACM first, IAM only as a fallback',
        body:
          '**AWS Certificate Manager (ACM)** issues public TLS certificates at no charge, imports your own, and ' +
          'renews the ones it issued automatically (DNS validation makes renewal hands-off). You attach them to ' +
          'integrated services such as Elastic Load Balancing, CloudFront and API Gateway.\n\n' +
          'IAM can also store server certificates, but only through the API/CLI and without renewal. AWS ' +
          'recommends it only in a Region where ACM is not available.',
        keyFacts: [
          'Certificates for CloudFront must be in ACM in US East (N. Virginia), us-east-1.',
          'For a regional load balancer or API, the ACM certificate must be in the same Region as the resource.',
          'ACM renews the certificates it issues; imported certificates you renew yourself.',
          'IAM server certificates: upload with `aws iam upload-server-certificate`; no console, no automatic renewal.',
        ],
        examTraps: [
          {
            scenario: 'You need HTTPS on a load balancer in a Region where ACM is not offered.',
            answer:
              'Upload the certificate to IAM and reference it from the listener; that is the case IAM certificate storage exists for.',
          },
          {
            scenario:
              'A certificate requested in eu-west-1 does not appear when configuring a CloudFront distribution.',
            answer: 'CloudFront only reads certificates from ACM in us-east-1; request or import it there.',
          },
        ],
      },
      ko: {
        title: 'TLS 인증서: 우선 ACM, IAM은 대안일 뿐',
        body:
          '**AWS Certificate Manager(ACM)** 는 공인 TLS 인증서를 무료로 발급하고, 직접 가져온 인증서도 관리하며, 자신이 발급한 ' +
          '인증서는 자동으로 갱신합니다(DNS 검증을 쓰면 갱신에 손이 가지 않습니다). 인증서는 Elastic Load Balancing, CloudFront, ' +
          'API Gateway 같은 통합 서비스에 연결해 씁니다.\n\n' +
          'IAM에도 서버 인증서를 저장할 수 있지만 API/CLI로만 가능하고 갱신도 해 주지 않습니다. AWS는 ACM이 없는 리전에서만 이 방법을 권합니다.',
        keyFacts: [
          'CloudFront용 인증서는 미국 동부(버지니아 북부) us-east-1의 ACM에 있어야 합니다.',
          '리전 단위 로드 밸런서나 API에는 리소스와 같은 리전의 ACM 인증서가 필요합니다.',
          'ACM은 자신이 발급한 인증서를 갱신하며, 가져온 인증서는 사용자가 직접 갱신합니다.',
          'IAM 서버 인증서는 `aws iam upload-server-certificate`로 올리며 콘솔도 자동 갱신도 없습니다.',
        ],
        examTraps: [
          {
            scenario: 'ACM이 제공되지 않는 리전의 로드 밸런서에 HTTPS를 적용해야 합니다.',
            answer:
              '인증서를 IAM에 업로드하고 리스너에서 참조합니다. IAM 인증서 저장소는 바로 이런 경우를 위해 있습니다.',
          },
          {
            scenario: 'eu-west-1에서 요청한 인증서가 CloudFront 배포 설정 화면에 보이지 않습니다.',
            answer: 'CloudFront는 us-east-1의 ACM 인증서만 읽습니다. 그 리전에서 요청하거나 가져오세요.',
          },
        ],
      },
    },
  },
];
