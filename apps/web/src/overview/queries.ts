import { gql } from '@apollo/client';

export const SECTOR_OVERVIEW = gql`
  query SectorOverview($groupBy: [OverviewDimension!]) {
    sectorOverview(groupBy: $groupBy) {
      graphVersion
      nodes {
        key
        kind
        label
        members
      }
      edges {
        from
        to
        relation
        dependencies
      }
    }
  }
`;

export const OVERVIEW_MEMBERS = gql`
  query OverviewMembers($key: String!, $groupBy: [OverviewDimension!], $first: Int, $offset: Int) {
    overviewMembers(key: $key, groupBy: $groupBy, first: $first, offset: $offset) {
      totalCount
      nextOffset
      entities {
        links
        entity {
          id
          name
          kind
        }
      }
    }
  }
`;
