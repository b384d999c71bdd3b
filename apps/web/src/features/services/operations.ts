import { graphql } from "../../gql";

/** A service as its list, its form and the assignment pickers show it. */
export const ServiceFields = graphql(`
  fragment ServiceFields on Service {
    id
    name
    comment
    valid
    isDefault
  }
`);

export const ServicesListQuery = graphql(`
  query ServicesList {
    services {
      ...ServiceFields
    }
  }
`);

export const ServiceQuery = graphql(`
  query Service($id: ID!) {
    service(id: $id) {
      ...ServiceFields
    }
  }
`);

export const CreateServiceMutation = graphql(`
  mutation CreateService($input: ServiceInput!) {
    createService(input: $input) {
      ...ServiceFields
    }
  }
`);

export const UpdateServiceMutation = graphql(`
  mutation UpdateService($id: ID!, $input: ServiceInput!) {
    updateService(id: $id, input: $input) {
      ...ServiceFields
    }
  }
`);

export const DefaultServicesQuery = graphql(`
  query DefaultServices {
    defaultServices {
      id
    }
    settings {
      defaultServicesMode
    }
  }
`);

export const SetDefaultServicesMutation = graphql(`
  mutation SetDefaultServices($serviceIds: [ID!]!) {
    setDefaultServices(serviceIds: $serviceIds) {
      id
      isDefault
    }
  }
`);
