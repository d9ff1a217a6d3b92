// Types come from one source: the SDL in apps/api/src/schema generates the API's
// resolver types and the web app's operation types.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'apps/api/src/schema/*.graphql',
  silent: true,
  ignoreNoDocuments: true,
  generates: {
    'apps/api/src/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context#Context',
        useTypeImports: true,
        enumsAsTypes: true,
        useIndexSignature: false,
        // Resolvers return the store's and the engine's own records; field resolvers
        // turn ids into entities.
        mappers: {
          Entity: '@smart/store#EntityRecord',
          Organization: '@smart/store#EntityRecord',
          Supplier: '@smart/store#EntityRecord',
          Service: '@smart/store#EntityRecord',
          Asset: '@smart/store#EntityRecord',
          Workflow: '@smart/store#EntityRecord',
          CriticalFunction: '@smart/store#EntityRecord',
          Dependency: '@smart/store#DependencyRecord',
          Scenario: '@smart/store#ScenarioRecord',
          Incident: '@smart/store#IncidentRecord',
          IncidentReport: '../resolvers/incidents#IncidentReportParent',
          IncidentSlice: '../reports/incident#IncidentSliceParent',
          IncidentWindow: '../reports/incident#IncidentWindowParent',
          IncidentCall: '../reports/incident#IncidentCallParent',
          FailingNext: '../resolvers/incidents#FailingNextParent',
          ImpactedEntity: '@smart/engine#ImpactedEntity as EngineImpactedEntity',
          FunctionImpact: '@smart/engine#FunctionImpact as EngineFunctionImpact',
          ImpactSummary: '@smart/engine#ImpactSummary as EngineImpactSummary',
          ImpactReport: '../analysis/service#ImpactReportParent',
          OrganizationImpact: '../reports/organizations#OrganizationImpactRow',
          DependencyPath: '@smart/engine#DependencyPath as EngineDependencyPath',
          RiskRanking: '../analysis/service#RankingParent',
          Concentration: '@smart/engine#ConcentrationEntry',
          Mitigation: '@smart/engine#Mitigation as EngineMitigation',
          FunctionReduction: '../resolvers/impact#FunctionReductionParent',
          DependencyAlternative: '@smart/engine#DependencyAlternatives',
          GraphNode: '@smart/engine#NeighborhoodNode',
          GraphEdge: '@smart/engine#NeighborhoodEdge',
          Neighborhood: '@smart/engine#NeighborhoodResult',
          ConcentrationCell: '@smart/store#ConcentrationCell as StoreConcentrationCell',
          ConcentrationMember: '@smart/store#ConcentrationMemberRecord',
          ScenarioComparison: '../resolvers/scenarios#ComparisonParent',
          FunctionComparison: '../resolvers/scenarios#FunctionComparisonParent',
          EntityChange: '@smart/engine#EntityChange as EngineEntityChange',
          ChangeTotals: '@smart/engine#ChangeTotals as EngineChangeTotals',
          OrganizationChanges: '@smart/engine#OrganizationChanges as EngineOrganizationChanges',
          OverviewMember: '../resolvers/overview#OverviewMemberParent',
          DuplicateCandidate: '../resolvers/duplicates#DuplicateCandidateParent',
          DataQualityFinding: '@smart/store#DataQualityFinding as StoreDataQualityFinding',
          DataQualitySample: '@smart/store#DataQualitySampleRecord',
        },
        avoidOptionals: false,
        maybeValue: 'T | null | undefined',
      },
    },
    'apps/web/src/generated/graphql.ts': {
      documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/generated/**'],
      plugins: ['typescript', 'typescript-operations'],
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: false, skipTypename: true },
    },
  },
};
export default config;
