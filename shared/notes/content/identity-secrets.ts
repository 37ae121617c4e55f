/** Sign-in and secrets: Cognito pools, Secrets Manager rotation, Parameter Store. */
import type { NoteSource } from '../types.ts';

const COGNITO = 'https://docs.aws.amazon.com/cognito/latest/developerguide';
const SSM = 'https://docs.aws.amazon.com/systems-manager/latest/userguide';

/** Notes on Cognito, Secrets Manager and Parameter Store. */
export const IDENTITY_SECRET_NOTES: NoteSource[] = [
  {
    id: 'cognito-user-and-identity-pools',
    topics: ['cognito'],
    attachesTo: [{ on: 'state', service: ['cognitoidp', 'cognitoidentityprovider', 'cognitoidentity'] }],
    links: [
      `${COGNITO}/what-is-amazon-cognito.html`,
      `${COGNITO}/cognito-user-pools.html`,
      `${COGNITO}/cognito-identity.html`,
      `${COGNITO}/cognito-sync.html`,
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [
      {
        claim: {
          en: 'Cognito Sync is the way to synchronise user profile data across devices.',
          ko: '기기 간 사용자 프로필 동기화는 Cognito Sync로 한다.',
        },
        fact: {
          en: 'Cognito Sync is a legacy feature; AWS recommends AWS AppSync for new applications that sync user data across devices.',
          ko: 'Cognito Sync는 예전 기능입니다. AWS는 기기 간 사용자 데이터를 동기화하는 새 애플리케이션에 AWS AppSync를 권합니다.',
        },
        source: `${COGNITO}/cognito-sync.html`,
      },
    ],
    text: {
      en: {
        title: 'Cognito user pools versus identity pools',
        body:
          'A **user pool** is a user directory and OIDC identity provider: sign-up, sign-in, MFA, password ' +
          'policies, managed login pages, and federation with social, SAML 2.0 and OIDC providers. A successful ' +
          'sign-in returns JSON Web Tokens: an **ID token**, an **access token** and a **refresh token**. API ' +
          'Gateway and ALB can check those tokens directly.\n\n' +
          'An **identity pool** (federated identities) swaps a token from a user pool, a social or SAML/OIDC ' +
          'provider, or no token at all (guest access) for **temporary AWS credentials** of an IAM role, so an ' +
          'app can call S3 or DynamoDB directly. It does not store users.',
        keyFacts: [
          'User pool = authentication (who are you), result is JWTs.',
          'Identity pool = authorization to AWS (what AWS calls can you make), result is STS credentials.',
          'Identity pools map users to an authenticated role and optionally an unauthenticated (guest) role; rules or tags can pick finer roles.',
          'Federating SAML or OIDC providers means configuring them in the pool, which adds set-up work.',
        ],
        examTraps: [
          {
            scenario: 'A mobile app signs users in and must then upload photos directly to S3 under a per-user prefix.',
            answer:
              'User pool for sign-in, identity pool to exchange the token for temporary credentials, and a role policy using ${cognito-identity.amazonaws.com:sub} in the resource.',
          },
          {
            scenario: 'An API must accept only signed-in users of a web app, with no AWS credentials on the client.',
            answer: 'A Cognito user pool authorizer on API Gateway validating the JWT; no identity pool is needed.',
          },
        ],
      },
      ko: {
        title: 'Cognito 사용자 풀과 자격 증명 풀',
        body:
          '**사용자 풀**은 사용자 디렉터리이자 OIDC 자격 증명 공급자입니다. 가입, 로그인, MFA, 암호 정책, 관리형 로그인 ' +
          '페이지, 소셜·SAML 2.0·OIDC 공급자와의 페더레이션을 제공합니다. 로그인에 성공하면 JSON 웹 토큰인 **ID 토큰**, ' +
          '**액세스 토큰**, **새로 고침 토큰**을 받습니다. API Gateway와 ALB는 이 토큰을 바로 검사할 수 있습니다.\n\n' +
          '**자격 증명 풀**(페더레이션 자격 증명)은 사용자 풀, 소셜, SAML/OIDC 공급자의 토큰이나 토큰 없는 게스트 요청을 IAM ' +
          '역할의 **임시 AWS 자격 증명**으로 바꿔 주어, 앱이 S3나 DynamoDB를 직접 호출하게 합니다. 사용자를 저장하지는 않습니다.',
        keyFacts: [
          '사용자 풀은 인증(누구인가)을 맡고 결과는 JWT입니다.',
          '자격 증명 풀은 AWS에 대한 권한 부여(어떤 AWS 호출이 가능한가)를 맡고 결과는 STS 자격 증명입니다.',
          '자격 증명 풀은 인증된 역할과 선택적으로 인증되지 않은(게스트) 역할을 주며, 규칙이나 태그로 더 세밀한 역할을 고를 수 있습니다.',
          'SAML이나 OIDC 공급자를 연동하려면 풀에 따로 구성해야 하므로 설정 작업이 늘어납니다.',
        ],
        examTraps: [
          {
            scenario: '모바일 앱이 사용자를 로그인시킨 뒤 사용자별 접두사 아래로 S3에 사진을 직접 올려야 합니다.',
            answer:
              '로그인은 사용자 풀, 토큰을 임시 자격 증명으로 바꾸는 것은 자격 증명 풀, 역할 정책의 리소스에는 ${cognito-identity.amazonaws.com:sub}를 씁니다.',
          },
          {
            scenario: '웹 앱에 로그인한 사용자만 API를 쓸 수 있어야 하고 클라이언트에는 AWS 자격 증명이 없어야 합니다.',
            answer:
              'API Gateway에 JWT를 검증하는 Cognito 사용자 풀 권한 부여자를 둡니다. 자격 증명 풀은 필요 없습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'secrets-manager-rotation',
    topics: ['secrets-manager'],
    attachesTo: [
      { on: 'state', service: ['secretsmanager'] },
      { on: 'xray', awsService: ['secretsmanager'] },
      { on: 'xray', inferredType: ['AWS::SecretsManager'] },
    ],
    links: [
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html',
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: read a secret from a state machine (SDK integration)',
          ko: 'JSONPath: 상태 머신에서 보안 암호 읽기(SDK 통합)',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Load Credentials",
  "States": {
    "Load Credentials": {
      "Type": "Task",
      "Resource": "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue",
      "Parameters": { "SecretId": "orders/prod/db" },
      "ResultSelector": { "credentials.$": "States.StringToJson($.SecretString)" },
      "End": true
    }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same secret, parsed with $parse', ko: 'JSONata: $parse로 파싱하는 같은 보안 암호' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Load Credentials",
  "States": {
    "Load Credentials": {
      "Type": "Task",
      "Resource": "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue",
      "Arguments": { "SecretId": "orders/prod/db" },
      "Output": "{% $parse($states.result.SecretString) %}",
      "End": true
    }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Secrets Manager and automatic rotation',
        body:
          'Secrets Manager stores credentials, API keys and other secrets encrypted with KMS, and your code reads ' +
          'them at run time with `GetSecretValue` instead of keeping them in configuration. Its distinguishing ' +
          'feature is **rotation**: on a schedule, a Lambda rotation function creates a new value, sets it in the ' +
          'database or service, tests it and promotes it, with no one touching the password.\n\n' +
          'For Amazon RDS, Aurora, Redshift and DocumentDB, AWS provides the rotation function (or fully managed ' +
          'rotation); for anything else you write one with four steps: `createSecret`, `setSecret`, ' +
          '`testSecret`, `finishSecret`.',
        keyFacts: [
          'Versions are tracked with staging labels AWSCURRENT, AWSPENDING and AWSPREVIOUS.',
          'Rotation schedules can be as frequent as every four hours.',
          'Charged per secret per month plus per API calls; a client-side cache cuts calls and latency.',
          'Cross-account reads need a resource policy on the secret and a customer managed KMS key the other account may use.',
        ],
        examTraps: [
          {
            scenario:
              'Database credentials must change automatically every 30 days with the least operational overhead.',
            answer: 'Secrets Manager with rotation turned on; Parameter Store has no built-in rotation.',
          },
        ],
      },
      ko: {
        title: 'Secrets Manager와 자동 교체',
        body:
          'Secrets Manager는 자격 증명, API 키 같은 보안 암호를 KMS로 암호화해 저장하며, 코드는 설정 파일에 두는 대신 실행 중에 ' +
          '`GetSecretValue`로 읽습니다. 가장 큰 특징은 **교체(rotation)** 입니다. 일정에 따라 Lambda 교체 함수가 새 값을 만들고, ' +
          '데이터베이스나 서비스에 반영하고, 시험한 뒤 승격하므로 사람이 암호를 만질 일이 없습니다.\n\n' +
          'Amazon RDS, Aurora, Redshift, DocumentDB에는 AWS가 교체 함수(또는 완전 관리형 교체)를 제공하고, 그 밖의 대상은 ' +
          '`createSecret`, `setSecret`, `testSecret`, `finishSecret` 네 단계로 직접 작성합니다.',
        keyFacts: [
          '버전은 AWSCURRENT, AWSPENDING, AWSPREVIOUS 스테이징 레이블로 추적합니다.',
          '교체 주기는 최소 4시간마다로 설정할 수 있습니다.',
          '보안 암호당 월 요금과 API 호출 요금이 있으며, 클라이언트 캐시로 호출과 지연을 줄입니다.',
          '다른 계정에서 읽으려면 보안 암호의 리소스 정책과 그 계정이 쓸 수 있는 고객 관리형 KMS 키가 필요합니다.',
        ],
        examTraps: [
          {
            scenario: '데이터베이스 자격 증명을 운영 부담을 최소로 하여 30일마다 자동으로 바꿔야 합니다.',
            answer: '교체를 켠 Secrets Manager입니다. Parameter Store에는 기본 교체 기능이 없습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'ssm-parameter-store',
    topics: ['parameter-store'],
    attachesTo: [
      { on: 'state', service: ['ssm'] },
      { on: 'xray', awsService: ['ssm'] },
      { on: 'xray', inferredType: ['AWS::SSM'] },
    ],
    links: [
      `${SSM}/systems-manager-parameter-store.html`,
      `${SSM}/parameter-store-advanced-parameters.html`,
      `${SSM}/parameter-store-shared-parameters.html`,
      `${SSM}/sysman-paramstore-access.html`,
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Store and read a SecureString', ko: 'SecureString 저장과 읽기' },
        code: `aws ssm put-parameter --name /orders/prod/api-token \\
  --type SecureString --key-id alias/app-config --value "$TOKEN"
aws ssm get-parameter --name /orders/prod/api-token --with-decryption`,
      },
    ],
    corrections: [
      {
        claim: {
          en: 'Parameter Store is used "with CloudTail" to audit decryption.',
          ko: 'Parameter Store를 "CloudTail"과 함께 써서 복호화를 감사한다.',
        },
        fact: {
          en: 'The service is AWS CloudTrail. It records the Parameter Store API calls and the KMS Decrypt calls made for SecureString parameters.',
          ko: '서비스 이름은 AWS CloudTrail입니다. CloudTrail은 Parameter Store API 호출과 SecureString 파라미터를 위한 KMS Decrypt 호출을 기록합니다.',
        },
        source: `${SSM}/sysman-paramstore-access.html`,
      },
      {
        claim: {
          en: 'An encrypted access token in Parameter Store can simply be read from another AWS account.',
          ko: 'Parameter Store의 암호화된 액세스 토큰은 다른 AWS 계정에서 그대로 읽을 수 있다.',
        },
        fact: {
          en: 'Only advanced-tier parameters can be shared with other accounts, through AWS RAM; a SecureString must use a customer managed KMS key the other account is allowed to use.',
          ko: '다른 계정과 공유할 수 있는 것은 고급 계층 파라미터뿐이며 AWS RAM을 통해 공유합니다. SecureString이라면 상대 계정이 쓸 수 있는 고객 관리형 KMS 키로 암호화되어 있어야 합니다.',
        },
        source: `${SSM}/parameter-store-shared-parameters.html`,
      },
    ],
    text: {
      en: {
        title: 'Systems Manager Parameter Store and SecureString',
        body:
          'Parameter Store keeps configuration values and secrets in a hierarchy (`/app/env/name`). Types are ' +
          '`String`, `StringList` and **`SecureString`**: the name stays plain, the value is encrypted with a KMS ' +
          'key and returned in clear only when the caller asks `WithDecryption` and may use the key.\n\n' +
          'The **standard tier** is free (up to 10,000 parameters per Region, values up to 4 KB). The ' +
          '**advanced tier** costs money and adds 8 KB values, parameter policies (expiry) and sharing. ' +
          'For secrets that must rotate, Secrets Manager is the better fit; for plain config and secrets that do ' +
          'not rotate, Parameter Store is cheaper.',
        keyFacts: [
          'SecureString = plain-text name, KMS-encrypted value.',
          'GetParametersByPath reads a whole hierarchy; IAM policies can be scoped to a path.',
          'No built-in rotation; Secrets Manager secrets can be read through Parameter Store names under /aws/reference/secretsmanager/.',
          'Every read and KMS decrypt is visible in CloudTrail.',
        ],
        examTraps: [
          {
            scenario:
              'An application needs a few configuration values and one API token that never rotates, at the lowest cost.',
            answer: 'Parameter Store standard tier, with the token as a SecureString.',
          },
        ],
      },
      ko: {
        title: 'Systems Manager Parameter Store와 SecureString',
        body:
          'Parameter Store는 설정 값과 비밀을 계층 구조(`/앱/환경/이름`)로 보관합니다. 유형은 `String`, `StringList`, ' +
          '**`SecureString`** 이 있으며, SecureString은 이름은 평문으로 두고 값만 KMS 키로 암호화합니다. 호출자가 ' +
          '`WithDecryption`을 요청하고 키 사용 권한이 있을 때만 평문 값을 돌려줍니다.\n\n' +
          '**표준 계층**은 무료입니다(리전당 파라미터 10,000개, 값 4KB까지). **고급 계층**은 유료이며 8KB 값, 파라미터 정책(만료), ' +
          '공유 기능이 추가됩니다. 정기 교체가 필요한 비밀이라면 Secrets Manager가 알맞고, 일반 설정이나 교체하지 않는 비밀은 ' +
          'Parameter Store가 더 저렴합니다.',
        keyFacts: [
          'SecureString은 이름은 평문, 값은 KMS로 암호화됩니다.',
          'GetParametersByPath로 계층 전체를 읽고, IAM 정책을 경로 단위로 제한할 수 있습니다.',
          '기본 교체 기능은 없습니다. Secrets Manager 보안 암호는 /aws/reference/secretsmanager/ 아래 이름으로 Parameter Store에서 읽을 수 있습니다.',
          '모든 읽기와 KMS 복호화는 CloudTrail에서 볼 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: '애플리케이션에 설정 값 몇 개와 교체하지 않는 API 토큰 하나가 필요하며 비용은 최소여야 합니다.',
            answer: '표준 계층 Parameter Store를 쓰고 토큰은 SecureString으로 저장합니다.',
          },
        ],
      },
    },
  },
];
